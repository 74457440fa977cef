using System;

namespace NetCompiler.Benchmarks.Implementations.Handwritten;

/// <summary>Reads a <see cref="NetworkSpec"/> into the hand-written layers of one implementation.</summary>
public abstract class LayerFactory
{
    public Layer[] CreateLayers(NetworkSpec spec)
    {
        if (spec.Loss != LossFunction.CrossEntropy)
        {
            throw new NotSupportedException("The hand-written networks implement softmax with cross-entropy only.");
        }

        var layers = new Layer[spec.Layers.Count];
        for (int l = 0; l < layers.Length; l++)
        {
            TensorShape input = spec.Shapes[l];
            TensorShape output = spec.Shapes[l + 1];
            layers[l] = spec.Layers[l] switch
            {
                DenseLayerSpec dense => Dense(input.Size, dense.Units, Supported(dense.Activation)),
                Conv2DLayerSpec conv => Conv2D(input, output, conv.KernelSize, conv.Stride, conv.Padding, Supported(conv.Activation)),
                MaxPool2DLayerSpec pool => new MaxPool2DLayer(input, output, pool.Size, pool.Stride),
                var other => throw new NotSupportedException($"No hand-written layer for {other}."),
            };
        }

        return layers;
    }

    protected abstract Layer Dense(int inputs, int units, Activation activation);

    protected abstract Layer Conv2D(TensorShape input, TensorShape output, int kernelSize, int stride, int padding, Activation activation);

    private static Activation Supported(Activation activation) =>
        activation is Activation.Identity or Activation.Tanh or Activation.ReLU or Activation.Softmax
            ? activation
            : throw new NotSupportedException($"The hand-written layers implement Identity, Tanh, ReLU and Softmax, not {activation}.");
}
