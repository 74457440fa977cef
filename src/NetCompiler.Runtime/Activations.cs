using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using NetCompiler.Shared;

namespace NetCompiler;

/// <summary>
/// The activation functions, their derivatives, softmax and log-sum-exp, for <see cref="float"/> and
/// <see cref="double"/>, one value at a time and one <see cref="Vector{T}"/> at a time (tanh also on a
/// 128-bit vector, a small layer's).
/// </summary>
/// <remarks>
/// <para>
/// Exp, sigmoid and tanh are computed by this library's own kernels, not <see cref="Math"/>: the scalar
/// and vector forms run the same operations (the vector form without branches), so an element gets the
/// same bits whether a vector lane or a scalar tail computed it, on any machine for a given runtime and
/// instruction set. Their error bounds below are the largest errors the tests measure, in ulp of the
/// exact result, against references computed with <see cref="Math"/> in double (for float, so nearly
/// exact) or against <see cref="Math"/> itself (for double, so they include its own error), over every
/// multiple of 2⁻¹⁰ and a million random points in [−110, 110] (float) or [−760, 760] (double), plus 64
/// points in every binade down to the smallest subnormal: through saturation, overflow and underflow.
/// Bounds are given for fused multiply-adds (.NET 9 and later on x86 with FMA3, or Arm64) and for
/// separate multiplies and adds (.NET 8, or older hardware); the kernels pick one per process.
/// </para>
/// <para>
/// NaN in gives NaN out from every function except <see cref="Step(float)"/> and the derivatives of
/// the piecewise-linear units, which compare with 0 (NaN &gt; 0 is false). No function gives NaN for
/// a finite or infinite argument.
/// </para>
/// </remarks>
public static class Activations
{
    private const float LeakySlopeSingle = (float)NetworkRules.LeakyReLUSlope;
    private const double LeakySlopeDouble = NetworkRules.LeakyReLUSlope;

    // ---- Exp -------------------------------------------------------------------------------------

    /// <summary>
    /// eˣ: range reduction x = (8m + j)·ln2/8 + r (|r| ≤ ln2/16), 2^(j/8) from an eight-entry table
    /// in two parts, a degree-4 polynomial for eʳ, times 2ᵐ. Max error 0.79 ulp, fused or not
    /// (measured over every float: 0.781 fused, 0.776 unfused, subnormal results included).
    /// +∞ from x ≈ 88.73, +0 below x ≈ −103.98 (through the subnormals), e^−∞ = 0, e^∞ = ∞.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x) => ExpKernel.Exp(x);

    /// <summary>
    /// eˣ: range reduction x = n·ln2 + r, a degree-13 polynomial for eʳ, times 2ⁿ. Within 1 ulp of
    /// <see cref="Math.Exp"/>, fused or not (measured). +∞ from x ≈ 709.79, +0 below x ≈ −745.14.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exp(double x) => ExpKernel.Exp(x);

    /// <summary>eˣ per lane, bit for bit as <see cref="Exp(float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Exp(Vector<float> x) => ExpKernel.Exp(x);

    /// <summary>eˣ per lane, bit for bit as <see cref="Exp(double)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Exp(Vector<double> x) => ExpKernel.Exp(x);

    /// <summary>
    /// eˣ per lane for arguments that are never positive, such as a softmax's zₖ − max z: bit for bit as
    /// <see cref="Exp(Vector{float})"/> for every x up to 105 (−∞, −0 and NaN included), one clamp
    /// shorter, as only the clamp from below matters there (measured: W2's forward pass 2 % faster).
    /// Above 105 the result is unspecified (+∞ gives NaN).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> ExpOfNonPositive(Vector<float> x) => ExpKernel.ExpOfNonPositive(x);

    /// <summary>
    /// eˣ per lane for arguments that are never positive, bit for bit as <see cref="Exp(Vector{double})"/>
    /// for every x up to 760; above it the result is unspecified.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> ExpOfNonPositive(Vector<double> x) => ExpKernel.ExpOfNonPositive(x);

    // ---- Sigmoid ---------------------------------------------------------------------------------

    /// <summary>
    /// The logistic function σ(z) = 1/(1 + e^−z), computed as 1/(1 + e^−|z|) for z ≥ 0 and
    /// e^−|z|/(1 + e^−|z|) for z &lt; 0, so no exponential overflows: σ(∞) = 1, σ(−∞) = 0, exactly
    /// 1 from z ≈ 17, and tiny values keep their relative accuracy down to the subnormals.
    /// Max error 2.41 ulp, fused or not (measured over every float in [−110, 20]: 2.402 both ways).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float z)
    {
        float e = ExpKernel.Exp(-MathF.Abs(z));
        return (z >= 0f ? 1f : e) / (1f + e);
    }

    /// <summary>
    /// σ(z) = 1/(1 + e^−z), as <see cref="Sigmoid(float)"/>. Max error 2 ulp fused, 3 ulp unfused (measured
    /// against a compensated double evaluation from <see cref="Math.Exp"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sigmoid(double z)
    {
        double e = ExpKernel.Exp(-Math.Abs(z));
        return (z >= 0.0 ? 1.0 : e) / (1.0 + e);
    }

    /// <summary>σ(z) per lane, bit for bit as <see cref="Sigmoid(float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Sigmoid(Vector<float> z)
    {
        Vector<float> e = ExpKernel.Exp(-Vector.Abs(z));
        Vector<float> numerator = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(z, Vector<float>.Zero), Vector<float>.One, e);
        return numerator / (Vector<float>.One + e);
    }

    /// <summary>σ(z) per lane, bit for bit as <see cref="Sigmoid(double)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Sigmoid(Vector<double> z)
    {
        Vector<double> e = ExpKernel.Exp(-Vector.Abs(z));
        Vector<double> numerator = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(z, Vector<double>.Zero), Vector<double>.One, e);
        return numerator / (Vector<double>.One + e);
    }

    // ---- Tanh ------------------------------------------------------------------------------------

    /// <summary>
    /// tanh z: the rational function z·P(z²)/Q(z²) (degrees 6 and 3 in z², a minimax fit on [0, 9.02]),
    /// which stays within [−1, 1] below |z| = 8.06; no exponential and no branch, about a third of the
    /// latency of the exponential formula. Exactly ±1 from |z| = 8.06 (where tanh is within 3.4 ulp
    /// of ±1); tanh(±∞) = ±1, tanh(−0) = −0, tiny z give z.
    /// Max error 4.9 ulp fused, 5.5 ulp unfused (measured over every float in [0, 9.5]: 4.859 and
    /// 5.495), that is a relative error below 3.4e-7.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float z) => TanhKernel.Tanh(z);

    /// <summary>
    /// tanh z, as <see cref="Tanh(float)"/> (exactly ±1 from |z| ≈ 19.06). Within 2 ulp of
    /// <see cref="Math.Tanh"/>, fused or not (measured).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Tanh(double z) => TanhKernel.Tanh(z);

    /// <summary>tanh z per lane, bit for bit as <see cref="Tanh(float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Tanh(Vector<float> z) => TanhKernel.Tanh(z);

    /// <summary>
    /// tanh z per lane of a 128-bit vector, bit for bit as <see cref="Tanh(float)"/>: for a layer of at
    /// most four values, whose constants then stay apart from a wider tanh's elsewhere in the same pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Tanh(Vector128<float> z) => TanhKernel.Tanh(z);

    /// <summary>tanh z per lane, bit for bit as <see cref="Tanh(double)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Tanh(Vector<double> z) => TanhKernel.Tanh(z);

    // ---- ReLU, LeakyReLU, Step (exact) --------------------------------------------------------------

    /// <summary>max(0, z), exact: +0 for z ≤ 0 (also for −0), NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReLU(float z) => z <= 0f ? 0f : z;

    /// <inheritdoc cref="ReLU(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ReLU(double z) => z <= 0.0 ? 0.0 : z;

    /// <summary>max(0, z) per lane, as <see cref="ReLU(float)"/>: the lanes with z ≤ 0 cleared.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> ReLU(Vector<float> z) =>
        Vector.AndNot(z, Vector.AsVectorSingle(Vector.LessThanOrEqual(z, Vector<float>.Zero)));

    /// <summary>max(0, z) per lane, as <see cref="ReLU(double)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> ReLU(Vector<double> z) =>
        Vector.AndNot(z, Vector.AsVectorDouble(Vector.LessThanOrEqual(z, Vector<double>.Zero)));

    /// <summary>z for z &gt; 0, else 0.01·z (one rounding).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyReLU(float z) => z > 0f ? z : z * LeakySlopeSingle;

    /// <inheritdoc cref="LeakyReLU(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LeakyReLU(double z) => z > 0.0 ? z : z * LeakySlopeDouble;

    /// <summary>z for z &gt; 0, else 0.01·z, per lane, as <see cref="LeakyReLU(float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> LeakyReLU(Vector<float> z) =>
        Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<float>.Zero), z, z * LeakySlopeSingle);

    /// <summary>z for z &gt; 0, else 0.01·z, per lane, as <see cref="LeakyReLU(double)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> LeakyReLU(Vector<double> z) =>
        Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<double>.Zero), z, z * LeakySlopeDouble);

    /// <summary>The Heaviside step: 1 if z &gt; 0, else 0 (also for NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Step(float z) => z > 0f ? 1f : 0f;

    /// <inheritdoc cref="Step(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Step(double z) => z > 0.0 ? 1.0 : 0.0;

    /// <summary>The Heaviside step per lane, as <see cref="Step(float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Step(Vector<float> z) =>
        Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<float>.Zero), Vector<float>.One, Vector<float>.Zero);

    /// <summary>The Heaviside step per lane, as <see cref="Step(double)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Step(Vector<double> z) =>
        Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<double>.Zero), Vector<double>.One, Vector<double>.Zero);

    // ---- Derivatives from z ------------------------------------------------------------------------

    /// <summary>σ′(z) = σ(z)(1 − σ(z)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SigmoidDerivative(float z) => SigmoidDerivativeFromOutput(Sigmoid(z));

    /// <inheritdoc cref="SigmoidDerivative(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SigmoidDerivative(double z) => SigmoidDerivativeFromOutput(Sigmoid(z));

    /// <summary>tanh′(z) = 1 − tanh²(z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float TanhDerivative(float z) => TanhDerivativeFromOutput(Tanh(z));

    /// <inheritdoc cref="TanhDerivative(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double TanhDerivative(double z) => TanhDerivativeFromOutput(Tanh(z));

    /// <summary>1 if z &gt; 0, else 0 (the subgradient 0 at z = 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReLUDerivative(float z) => z > 0f ? 1f : 0f;

    /// <inheritdoc cref="ReLUDerivative(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ReLUDerivative(double z) => z > 0.0 ? 1.0 : 0.0;

    /// <summary>1 if z &gt; 0, else 0.01.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyReLUDerivative(float z) => z > 0f ? 1f : LeakySlopeSingle;

    /// <inheritdoc cref="LeakyReLUDerivative(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LeakyReLUDerivative(double z) => z > 0.0 ? 1.0 : LeakySlopeDouble;

    /// <summary>0: the step is flat wherever it is differentiable, so it cannot be trained by gradients.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float StepDerivative(float z) => 0f;

    /// <inheritdoc cref="StepDerivative(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double StepDerivative(double z) => 0.0;

    // ---- Derivatives from the activation a = f(z) ---------------------------------------------------

    /// <summary>σ′ from a = σ(z): a(1 − a).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SigmoidDerivativeFromOutput(float a) => a * (1f - a);

    /// <inheritdoc cref="SigmoidDerivativeFromOutput(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SigmoidDerivativeFromOutput(double a) => a * (1.0 - a);

    /// <inheritdoc cref="SigmoidDerivativeFromOutput(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> SigmoidDerivativeFromOutput(Vector<float> a) => a * (Vector<float>.One - a);

    /// <inheritdoc cref="SigmoidDerivativeFromOutput(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> SigmoidDerivativeFromOutput(Vector<double> a) => a * (Vector<double>.One - a);

    /// <summary>tanh′ from a = tanh(z): 1 − a².</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float TanhDerivativeFromOutput(float a) => 1f - (a * a);

    /// <inheritdoc cref="TanhDerivativeFromOutput(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double TanhDerivativeFromOutput(double a) => 1.0 - (a * a);

    /// <inheritdoc cref="TanhDerivativeFromOutput(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> TanhDerivativeFromOutput(Vector<float> a) => Vector<float>.One - (a * a);

    /// <inheritdoc cref="TanhDerivativeFromOutput(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> TanhDerivativeFromOutput(Vector<double> a) => Vector<double>.One - (a * a);

    /// <summary>ReLU′ from a = max(0, z): 1 if a &gt; 0, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReLUDerivativeFromOutput(float a) => a > 0f ? 1f : 0f;

    /// <inheritdoc cref="ReLUDerivativeFromOutput(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ReLUDerivativeFromOutput(double a) => a > 0.0 ? 1.0 : 0.0;

    /// <inheritdoc cref="ReLUDerivativeFromOutput(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> ReLUDerivativeFromOutput(Vector<float> a) => Step(a);

    /// <inheritdoc cref="ReLUDerivativeFromOutput(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> ReLUDerivativeFromOutput(Vector<double> a) => Step(a);

    /// <summary>LeakyReLU′ from a = LeakyReLU(z) (a has the sign of z): 1 if a &gt; 0, else 0.01.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyReLUDerivativeFromOutput(float a) => a > 0f ? 1f : LeakySlopeSingle;

    /// <inheritdoc cref="LeakyReLUDerivativeFromOutput(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LeakyReLUDerivativeFromOutput(double a) => a > 0.0 ? 1.0 : LeakySlopeDouble;

    /// <inheritdoc cref="LeakyReLUDerivativeFromOutput(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> LeakyReLUDerivativeFromOutput(Vector<float> a) =>
        Vector.ConditionalSelect(Vector.GreaterThan(a, Vector<float>.Zero), Vector<float>.One, new Vector<float>(LeakySlopeSingle));

    /// <inheritdoc cref="LeakyReLUDerivativeFromOutput(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> LeakyReLUDerivativeFromOutput(Vector<double> a) =>
        Vector.ConditionalSelect(Vector.GreaterThan(a, Vector<double>.Zero), Vector<double>.One, new Vector<double>(LeakySlopeDouble));

    // ---- Spans ---------------------------------------------------------------------------------------

    /// <summary>
    /// a = f(z) for the whole layer: vectorised, with a scalar tail, giving exactly the scalar function's
    /// value for every element; <see cref="Activation.Softmax"/> is <see cref="Softmax(ReadOnlySpan{float}, Span{float})"/>.
    /// <paramref name="a"/> may be <paramref name="z"/> itself (in place), but not overlap it otherwise.
    /// Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ, or the spans partly overlap.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="activation"/> is not defined.</exception>
    public static void Apply(Activation activation, ReadOnlySpan<float> z, Span<float> a)
    {
        CheckOutput(z, a, nameof(a));
        switch (activation)
        {
            case Activation.Identity: z.CopyTo(a); break;
            case Activation.Sigmoid: Elementwise.Apply<float, SigmoidOperator>(z, a); break;
            case Activation.Tanh: Elementwise.Apply<float, TanhOperator>(z, a); break;
            case Activation.ReLU: Elementwise.Apply<float, ReLUOperator>(z, a); break;
            case Activation.LeakyReLU: Elementwise.Apply<float, LeakyReLUOperator>(z, a); break;
            case Activation.Softmax: SoftmaxKernel.Softmax<float, ExpOperator>(z, a); break;
            case Activation.Step: Elementwise.Apply<float, StepOperator>(z, a); break;
            default: throw UnknownActivation(activation);
        }
    }

    /// <inheritdoc cref="Apply(Activation, ReadOnlySpan{float}, Span{float})"/>
    public static void Apply(Activation activation, ReadOnlySpan<double> z, Span<double> a)
    {
        CheckOutput(z, a, nameof(a));
        switch (activation)
        {
            case Activation.Identity: z.CopyTo(a); break;
            case Activation.Sigmoid: Elementwise.Apply<double, SigmoidOperator>(z, a); break;
            case Activation.Tanh: Elementwise.Apply<double, TanhOperator>(z, a); break;
            case Activation.ReLU: Elementwise.Apply<double, ReLUOperator>(z, a); break;
            case Activation.LeakyReLU: Elementwise.Apply<double, LeakyReLUOperator>(z, a); break;
            case Activation.Softmax: SoftmaxKernel.Softmax<double, ExpOperator>(z, a); break;
            case Activation.Step: Elementwise.Apply<double, StepOperator>(z, a); break;
            default: throw UnknownActivation(activation);
        }
    }

    /// <summary>
    /// pᵢ = e^(zᵢ − m) / Σⱼ e^(zⱼ − m) with m = max z: stable for any finite z (the largest term is 1,
    /// the sum lies in [1, n]); each pᵢ within a few ulp of the exact value. <paramref name="p"/> may
    /// be <paramref name="z"/> itself. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ, or the spans partly overlap.</exception>
    public static void Softmax(ReadOnlySpan<float> z, Span<float> p)
    {
        CheckOutput(z, p, nameof(p));
        SoftmaxKernel.Softmax<float, ExpOperator>(z, p);
    }

    /// <inheritdoc cref="Softmax(ReadOnlySpan{float}, Span{float})"/>
    public static void Softmax(ReadOnlySpan<double> z, Span<double> p)
    {
        CheckOutput(z, p, nameof(p));
        SoftmaxKernel.Softmax<double, ExpOperator>(z, p);
    }

    /// <summary>
    /// log Σᵢ e^zᵢ = m + log Σᵢ e^(zᵢ − m) with m = max z: no overflow or underflow for any finite z.
    /// −∞ for an empty span; +∞ if an element is +∞. Allocates nothing.
    /// </summary>
    public static float LogSumExp(ReadOnlySpan<float> z) => SoftmaxKernel.LogSumExp<float, ExpOperator>(z);

    /// <inheritdoc cref="LogSumExp(ReadOnlySpan{float})"/>
    public static double LogSumExp(ReadOnlySpan<double> z) => SoftmaxKernel.LogSumExp<double, ExpOperator>(z);

    private static void CheckOutput<T>(ReadOnlySpan<T> z, Span<T> output, string name)
    {
        if (z.Length != output.Length)
        {
            throw new ArgumentException($"'{name}' has {output.Length} elements but z has {z.Length}; they must be the same length.", name);
        }

        if (z.Overlaps(output, out int offset) && offset != 0)
        {
            throw new ArgumentException($"'{name}' partly overlaps z (offset {offset}); it must be z itself or separate.", name);
        }
    }

    private static ArgumentOutOfRangeException UnknownActivation(Activation activation) =>
        new(nameof(activation), activation, "Not a defined Activation.");
}
