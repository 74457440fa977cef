namespace NetCompiler;

/// <summary>
/// What every generated network has, whatever its precision: its layer structure and how many
/// examples it has accumulated. See <see cref="INetwork{T}"/> for the computing members.
/// </summary>
public interface INetwork
{
    /// <summary>The network's layers as data, for the interpreter, the verifier and tools.</summary>
    static abstract NetworkSpec Spec { get; }

    /// <summary>The number of examples whose gradients are accumulated in <c>Gradients</c>, the m of the next <c>Step</c>.</summary>
    int AccumulatedSamples { get; }

    /// <summary>Clears the accumulated gradients and the example count.</summary>
    void ZeroGradients();
}
