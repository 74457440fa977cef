using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetCompiler;

// The element-wise activations as operators for Elementwise.Apply: each forwards to Activations,
// so the span forms compute exactly what the scalar and vector forms do.

internal readonly struct SigmoidOperator : IUnaryOperator<float>, IUnaryOperator<double>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Invoke(float x) => Activations.Sigmoid(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Invoke(double x) => Activations.Sigmoid(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<float> Invoke(Vector<float> x) => Activations.Sigmoid(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<double> Invoke(Vector<double> x) => Activations.Sigmoid(x);
}

internal readonly struct TanhOperator : IUnaryOperator<float>, IUnaryOperator<double>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Invoke(float x) => Activations.Tanh(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Invoke(double x) => Activations.Tanh(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<float> Invoke(Vector<float> x) => Activations.Tanh(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<double> Invoke(Vector<double> x) => Activations.Tanh(x);
}

internal readonly struct ReLUOperator : IUnaryOperator<float>, IUnaryOperator<double>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Invoke(float x) => Activations.ReLU(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Invoke(double x) => Activations.ReLU(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<float> Invoke(Vector<float> x) => Activations.ReLU(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<double> Invoke(Vector<double> x) => Activations.ReLU(x);
}

internal readonly struct LeakyReLUOperator : IUnaryOperator<float>, IUnaryOperator<double>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Invoke(float x) => Activations.LeakyReLU(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Invoke(double x) => Activations.LeakyReLU(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<float> Invoke(Vector<float> x) => Activations.LeakyReLU(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<double> Invoke(Vector<double> x) => Activations.LeakyReLU(x);
}

internal readonly struct StepOperator : IUnaryOperator<float>, IUnaryOperator<double>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Invoke(float x) => Activations.Step(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Invoke(double x) => Activations.Step(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<float> Invoke(Vector<float> x) => Activations.Step(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<double> Invoke(Vector<double> x) => Activations.Step(x);
}

internal readonly struct ExpOperator : IUnaryOperator<float>, IUnaryOperator<double>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Invoke(float x) => ExpKernel.Exp(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Invoke(double x) => ExpKernel.Exp(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<float> Invoke(Vector<float> x) => ExpKernel.Exp(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<double> Invoke(Vector<double> x) => ExpKernel.Exp(x);
}
