using System;

namespace NetCompiler.Benchmarks.Implementations.Handwritten;

/// <summary>
/// Max pooling in plain loops, used by both hand-written implementations: TensorPrimitives has
/// no windowed or strided maximum. The forward pass records which input won each window, and
/// the backward pass routes the gradient there.
/// </summary>
public sealed class MaxPool2DLayer : Layer
{
    private readonly int _channels;
    private readonly int _height;
    private readonly int _width;
    private readonly int _outHeight;
    private readonly int _outWidth;
    private readonly int _size;
    private readonly int _stride;
    private readonly int[] _winners;

    public MaxPool2DLayer(TensorShape input, TensorShape output, int size, int stride)
        : base(input.Size, output.Size, weightCount: 0, biasCount: 0)
    {
        (_channels, _height, _width) = (input.Channels, input.Height, input.Width);
        (_outHeight, _outWidth) = (output.Height, output.Width);
        (_size, _stride) = (size, stride);
        _winners = new int[output.Size];
    }

    public override void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        int o = 0;
        for (int c = 0; c < _channels; c++)
        {
            for (int oy = 0; oy < _outHeight; oy++)
            {
                for (int ox = 0; ox < _outWidth; ox++, o++)
                {
                    int winner = (c * _height + oy * _stride) * _width + ox * _stride;
                    float max = x[winner];
                    for (int ky = 0; ky < _size; ky++)
                    {
                        for (int kx = 0; kx < _size; kx++)
                        {
                            int i = (c * _height + oy * _stride + ky) * _width + ox * _stride + kx;
                            if (x[i] > max)
                            {
                                max = x[i];
                                winner = i;
                            }
                        }
                    }

                    y[o] = max;
                    _winners[o] = winner;
                }
            }
        }
    }

    public override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        if (dx.IsEmpty)
        {
            return;
        }

        dx.Clear();
        for (int o = 0; o < dy.Length; o++)
        {
            dx[_winners[o]] += dy[o];
        }
    }
}
