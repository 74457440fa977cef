namespace NetCompiler.Generators.Emit;

/// <summary>
/// The declarations of the public members every network class gets (the contract of SPEC.md and
/// of <c>INetwork&lt;T&gt;</c>), written once for the network's code and for the stand-in of a
/// network whose declaration has errors, so that the two cannot drift apart.
/// </summary>
internal sealed class ContractMembers
{
    public const string Spec = "public static global::NetCompiler.NetworkSpec Spec";

    public const string AccumulatedSamples = "public int AccumulatedSamples";

    public const string ZeroGradients = "public void ZeroGradients()";

    private readonly string _className;
    private readonly string _t;
    private readonly string _readOnlySpan;
    private readonly string _span;

    public ContractMembers(string className, NumericType type)
    {
        _className = className;
        _t = type.Name;
        _readOnlySpan = type.ReadOnlySpan;
        _span = type.Span;
    }

    /// <summary>One of the three size constants (InputSize, OutputSize, ParameterCount), with its value.</summary>
    public static string SizeConstant(string name, int value) => "public const int " + name + " = " + LayerEmitter.Format(value) + ";";

    public string DefaultConstructor => "public " + _className + "()";

    public string SeedConstructor => "public " + _className + "(int seed)";

    public string EmbeddedParameters => "public static " + _readOnlySpan + " EmbeddedParameters";

    public string Parameters => "public " + _span + " Parameters";

    public string Gradients => "public " + _span + " Gradients";

    public string Forward => "public void Forward(" + _readOnlySpan + " input, " + _span + " output)";

    public string ForwardBatch => "public void Forward(" + _readOnlySpan + " inputs, " + _span + " outputs, int count)";

    public string Backward => "public " + _t + " Backward(" + _readOnlySpan + " input, " + _readOnlySpan + " target)";

    public string BackwardBatch => "public " + _t + " Backward(" + _readOnlySpan + " inputs, " + _readOnlySpan + " targets, int count)";

    public string Backpropagate => "public void Backpropagate(" + _readOnlySpan + " outputGradient, " + _span + " inputGradient)";

    public string Step => "public void Step(" + _t + " learningRate, " + _t + " weightDecay = 0)";

    public string Infer => "public static void Infer(" + _readOnlySpan + " parameters, " + _readOnlySpan + " input, " + _span + " output)";
}
