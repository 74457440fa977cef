namespace NetCompiler.Benchmarks.Driving;

/// <summary>What one benchmark invocation does with the 32 examples; every time is reported per example.</summary>
public enum Mode
{
    /// <summary>32 one-example <c>Forward</c> calls.</summary>
    Infer1,

    /// <summary>One batch <c>Forward</c> of 32.</summary>
    Infer32,

    /// <summary>32 × (one-example <c>Backward</c> + <c>Step</c>): online SGD.</summary>
    Train1,

    /// <summary>One batch <c>Backward</c> of 32 + one <c>Step</c>: mini-batch SGD.</summary>
    Train32,
}
