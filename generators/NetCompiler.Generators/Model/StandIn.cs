using NetCompiler.Shared;

namespace NetCompiler.Generators.Model;

/// <summary>
/// What the stand-in of a network with errors is made from: the class, its element type (single
/// precision where the declaration does not say a valid one) and whether it names a weights file
/// (then it has <c>EmbeddedParameters</c> too). Every member of a stand-in throws; it exists so
/// that the code using the class reports no errors besides the NC ones at the attributes.
/// </summary>
internal sealed record StandIn(NetworkType Type, Precision Precision, bool NamesWeightsFile);
