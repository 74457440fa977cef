// This file is compiled into both the runtime and the generator (where it is internal).
namespace NetCompiler
{
    /// <summary>The cost J(W, b; x, y) of one example, which training minimises.</summary>
#if NETCOMPILER_GENERATOR
    internal enum LossFunction
#else
    public enum LossFunction
#endif
    {
        /// <summary>J = ½‖h − y‖². The default; fits every last activation.</summary>
        MeanSquaredError = 0,

        /// <summary>
        /// J = −Σₖ yₖ log pₖ, for a <see cref="Activation.Softmax"/> last layer. Computed stably
        /// (log-sum-exp); the output delta is the fused p − y.
        /// </summary>
        CrossEntropy = 1,

        /// <summary>
        /// J = −Σₖ [yₖ log aₖ + (1 − yₖ) log(1 − aₖ)], for a <see cref="Activation.Sigmoid"/> last
        /// layer. Computed stably from z; the output delta is the fused a − y.
        /// </summary>
        BinaryCrossEntropy = 2,
    }
}
