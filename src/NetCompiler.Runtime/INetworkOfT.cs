using System;
using System.Numerics;

namespace NetCompiler;

/// <summary>
/// A neural network compiled by the NetCompiler generator, computing in <typeparamref name="T"/>
/// (<see cref="float"/> or <see cref="double"/>). No member allocates on the managed heap after
/// construction. An instance is not thread-safe; the generated static <c>Infer</c> is.
/// </summary>
public interface INetwork<T> : INetwork
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Every weight and bias, one contiguous block, layer by layer (weights then biases).</summary>
    Span<T> Parameters { get; }

    /// <summary>The accumulated dJ/dparameter, in the layout of <see cref="Parameters"/>.</summary>
    Span<T> Gradients { get; }

    /// <summary>Runs the network on one input. Leaves the activations in place for <see cref="Backpropagate"/>.</summary>
    /// <exception cref="ArgumentException">A span has the wrong length; nothing is written.</exception>
    void Forward(ReadOnlySpan<T> input, Span<T> output);

    /// <summary>
    /// Runs <paramref name="count"/> inputs stored back to back, writing their outputs back to back:
    /// the same as calling the one-example form on each in order.
    /// </summary>
    void Forward(ReadOnlySpan<T> inputs, Span<T> outputs, int count);

    /// <summary>
    /// Forward pass, loss and backward pass on one example: adds dJ/dparameter to
    /// <see cref="Gradients"/>, counts the example and returns its loss J(W, b; x, y).
    /// </summary>
    T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target);

    /// <summary>
    /// <see cref="Backward(ReadOnlySpan{T}, ReadOnlySpan{T})"/> on <paramref name="count"/> examples
    /// stored back to back; returns the summed loss and counts <paramref name="count"/> examples.
    /// </summary>
    T Backward(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int count);

    /// <summary>
    /// Applies the chain rule from a given dJ/d(output), through the activations of the last
    /// <c>Forward</c>: adds dJ/dparameter to <see cref="Gradients"/>, counts one example, and writes
    /// dJ/d(input) to <paramref name="inputGradient"/> unless it is empty.
    /// </summary>
    void Backpropagate(ReadOnlySpan<T> outputGradient, Span<T> inputGradient);

    /// <summary>
    /// Gradient descent on the accumulated examples, m = <see cref="INetwork.AccumulatedSamples"/>
    /// (1 when none were counted): W := W − α[(1/m)ΔW + λW], b := b − α(1/m)Δb; then clears the
    /// gradients and the count.
    /// </summary>
    void Step(T learningRate, T weightDecay = default);
}
