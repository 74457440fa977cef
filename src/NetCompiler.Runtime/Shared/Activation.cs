// This file is compiled into both the runtime and the generator, so that the two
// can never disagree on what an activation is.
namespace NetCompiler
{
    /// <summary>The function a layer applies to its weighted input z to give its activation a = f(z).</summary>
#if NETCOMPILER_GENERATOR
    internal enum Activation
#else
    public enum Activation
#endif
    {
        /// <summary>f(z) = z.</summary>
        Identity = 0,

        /// <summary>The logistic function f(z) = 1 / (1 + e^−z); f′(z) = a(1 − a).</summary>
        Sigmoid = 1,

        /// <summary>The hyperbolic tangent; f′(z) = 1 − a².</summary>
        Tanh = 2,

        /// <summary>The rectified linear unit f(z) = max(0, z).</summary>
        ReLU = 3,

        /// <summary>f(z) = z for z &gt; 0, else 0.01·z.</summary>
        LeakyReLU = 4,

        /// <summary>aᵢ = e^zᵢ / Σⱼ e^zⱼ over the whole layer. Allowed on the last layer only.</summary>
        Softmax = 5,

        /// <summary>
        /// The Heaviside step (McCulloch–Pitts / perceptron unit): 1 if z &gt; 0, else 0.
        /// Its derivative is zero wherever it exists, so a network with a step layer can run
        /// <c>Forward</c> but cannot be trained by backpropagation.
        /// </summary>
        Step = 6,
    }
}
