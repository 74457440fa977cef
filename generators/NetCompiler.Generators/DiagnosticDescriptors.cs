using Microsoft.CodeAnalysis;

namespace NetCompiler.Generators;

/// <summary>
/// Every diagnostic the generator reports. IDs are stable; each has a section in
/// docs/diagnostics.md that its help link points to. (NC0014 is not here: the compiler
/// reports it, through the <c>[Obsolete]</c> the generator puts on the training members of a
/// network that cannot be trained.)
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "NetCompiler";

    public static readonly DiagnosticDescriptor NetworkClassNotPartial = Error(
        "NC0001",
        "Network class must be partial",
        "The network class '{0}' must be declared partial, so that the generator can add its members");

    public static readonly DiagnosticDescriptor MissingInput = Error(
        "NC0002",
        "Network has no input",
        "The network '{0}' has no [Input]; add [Input(size)] or [Input(channels, height, width)] before its first layer");

    public static readonly DiagnosticDescriptor DuplicateInput = Error(
        "NC0003",
        "Network has more than one input",
        "The network '{0}' declares a second [Input]; a network has exactly one input, so remove this one");

    public static readonly DiagnosticDescriptor NoLayers = Error(
        "NC0004",
        "Network has no layers",
        "The network '{0}' has no layers; add at least one [Dense], [Conv2D] or [MaxPool2D] after its [Input]");

    public static readonly DiagnosticDescriptor InvalidSize = Error(
        "NC0005",
        "Size must be positive",
        "{0}");

    public static readonly DiagnosticDescriptor WindowLargerThanInput = Error(
        "NC0006",
        "Kernel or pool window larger than its input",
        "Layer {0}: {1}");

    public static readonly DiagnosticDescriptor WindowDoesNotTile = Error(
        "NC0007",
        "Stride and padding do not tile the input",
        "Layer {0}: {1}");

    public static readonly DiagnosticDescriptor SpatialLayerAfterFlat = Error(
        "NC0008",
        "Convolution or pooling after a flat layer",
        "Layer {0}: {1}");

    public static readonly DiagnosticDescriptor SoftmaxNotLast = Error(
        "NC0009",
        "Softmax is allowed on the last layer only",
        "Layer {0}: {1}");

    public static readonly DiagnosticDescriptor LossDoesNotFitActivation = Error(
        "NC0010",
        "Loss does not fit the last activation",
        "The loss {0} needs a {1} last layer, but the last layer of '{2}' uses {3}; change the last activation to {1} or choose another loss");

    public static readonly DiagnosticDescriptor LayersSpreadOverPartialDeclarations = Error(
        "NC0011",
        "Network attributes spread over several partial declarations",
        "The layers of '{0}' are declared on more than one partial declaration, so their order is not defined; put [Network], [Input], the layers and [Loss] on one declaration");

    public static readonly DiagnosticDescriptor StepLayerCannotBeTrained = Warning(
        "NC0012",
        "A network with a Step layer cannot be trained",
        "Layer {0} of '{1}' uses Step, whose derivative is zero wherever it exists: the network gets Forward and Infer, but Backward, Backpropagate and Step are marked obsolete and throw NotSupportedException");

    public static readonly DiagnosticDescriptor DuplicateLoss = Error(
        "NC0013",
        "Network has more than one loss",
        "The network '{0}' declares a second [Loss]; keep one");

    public static readonly DiagnosticDescriptor UnknownEnumValue = Error(
        "NC0015",
        "Unknown activation, loss or precision",
        "{0} is not a member of {1}; use one of its named values");

    public static readonly DiagnosticDescriptor NetworkTooLarge = Error(
        "NC0016",
        "Network too large",
        "{0}");

    public static readonly DiagnosticDescriptor UnsupportedNetworkClass = Error(
        "NC0017",
        "Network class of an unsupported kind",
        "The network class '{0}' {1}; declare it as a non-generic, non-static partial class (inside partial, non-generic classes if nested)");

    public static readonly DiagnosticDescriptor InputNotFirst = Error(
        "NC0018",
        "Input must come before every layer",
        "The [Input] of '{0}' follows a layer; move it before the first layer");

    public static readonly DiagnosticDescriptor LayerWithoutNetwork = Warning(
        "NC0019",
        "Layer attribute without [Network]",
        "'{0}' has layer attributes but no [Network] attribute, so no network is generated; add [Network] to the class");

    public static readonly DiagnosticDescriptor WeightsFileMissing = Error(
        "NC0020",
        "Weights file not found",
        "The weights file '{0}' is not among the project's AdditionalFiles; add <AdditionalFiles Include=\"{0}\" /> to the project, or correct the path");

    public static readonly DiagnosticDescriptor WeightsFileInvalid = Error(
        "NC0021",
        "Weights file is corrupt",
        "The weights file '{0}' cannot be read: {1}");

    public static readonly DiagnosticDescriptor WeightsFileMismatch = Error(
        "NC0022",
        "Weights file made for another network",
        "The weights file '{0}' was made for another network: {1}");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        Create(id, title, message, DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        Create(id, title, message, DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
        new(
            id,
            title,
            message,
            Category,
            severity,
            isEnabledByDefault: true,
            helpLinkUri: "https://github.com/netcompiler/netcompiler/blob/main/docs/diagnostics.md#" + id.ToLowerInvariant());
}
