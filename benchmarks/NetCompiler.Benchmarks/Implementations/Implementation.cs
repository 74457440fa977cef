namespace NetCompiler.Benchmarks.Implementations;

/// <summary>The implementations compared side by side in one run.</summary>
public enum Implementation
{
    /// <summary>The code NetCompiler's source generator writes for the network.</summary>
    Generated,

    /// <summary><see cref="ReferenceInterpreter"/>: scalar double precision straight from the formulas.</summary>
    Interpreter,

    /// <summary>Hand-written plain nested loops over float arrays, as an application developer would write them.</summary>
    Scalar,

    /// <summary>Hand-written on <c>System.Numerics.Tensors.TensorPrimitives</c>, preallocated buffers, no allocation.</summary>
    TensorPrimitives,
}
