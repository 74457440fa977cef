using System;

namespace NetCompiler.Benchmarks.Implementations.Handwritten.Scalar;

/// <summary>A 2-D convolution in nested loops over filters, output pixels and kernel taps, zero padding skipped by bounds checks.</summary>
public sealed class ScalarConv2D : Layer
{
    private readonly int _channels;
    private readonly int _height;
    private readonly int _width;
    private readonly int _filters;
    private readonly int _outHeight;
    private readonly int _outWidth;
    private readonly int _kernel;
    private readonly int _stride;
    private readonly int _padding;
    private readonly Activation _activation;

    public ScalarConv2D(TensorShape input, TensorShape output, int kernelSize, int stride, int padding, Activation activation)
        : base(input.Size, output.Size, weightCount: output.Channels * input.Channels * kernelSize * kernelSize, biasCount: output.Channels)
    {
        (_channels, _height, _width) = (input.Channels, input.Height, input.Width);
        (_filters, _outHeight, _outWidth) = (output.Channels, output.Height, output.Width);
        (_kernel, _stride, _padding, _activation) = (kernelSize, stride, padding, activation);
    }

    public override void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int f = 0; f < _filters; f++)
        {
            for (int oy = 0; oy < _outHeight; oy++)
            {
                for (int ox = 0; ox < _outWidth; ox++)
                {
                    float z = Biases[f];
                    for (int c = 0; c < _channels; c++)
                    {
                        for (int ky = 0; ky < _kernel; ky++)
                        {
                            int iy = oy * _stride + ky - _padding;
                            if (iy < 0 || iy >= _height)
                            {
                                continue;
                            }

                            for (int kx = 0; kx < _kernel; kx++)
                            {
                                int ix = ox * _stride + kx - _padding;
                                if (ix >= 0 && ix < _width)
                                {
                                    z += Weights[((f * _channels + c) * _kernel + ky) * _kernel + kx] * x[(c * _height + iy) * _width + ix];
                                }
                            }
                        }
                    }

                    y[(f * _outHeight + oy) * _outWidth + ox] = ScalarActivation.Apply(_activation, z);
                }
            }
        }
    }

    public override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        dx.Clear();
        for (int f = 0; f < _filters; f++)
        {
            for (int oy = 0; oy < _outHeight; oy++)
            {
                for (int ox = 0; ox < _outWidth; ox++)
                {
                    int o = (f * _outHeight + oy) * _outWidth + ox;
                    float delta = dy[o] * ScalarActivation.Derivative(_activation, y[o]);
                    BiasGradients[f] += delta;
                    for (int c = 0; c < _channels; c++)
                    {
                        for (int ky = 0; ky < _kernel; ky++)
                        {
                            int iy = oy * _stride + ky - _padding;
                            if (iy < 0 || iy >= _height)
                            {
                                continue;
                            }

                            for (int kx = 0; kx < _kernel; kx++)
                            {
                                int ix = ox * _stride + kx - _padding;
                                if (ix >= 0 && ix < _width)
                                {
                                    int w = ((f * _channels + c) * _kernel + ky) * _kernel + kx;
                                    int i = (c * _height + iy) * _width + ix;
                                    WeightGradients[w] += delta * x[i];
                                    if (!dx.IsEmpty)
                                    {
                                        dx[i] += Weights[w] * delta;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
