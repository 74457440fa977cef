using System;
using System.Numerics.Tensors;

namespace NetCompiler.Benchmarks.Implementations.Handwritten.Tensor;

/// <summary>
/// A 2-D convolution as im2col: the input is unfolded once per example into one row per kernel
/// tap (channel, ky, kx), each as long as the output plane, so that a filter's output plane is
/// b + Σ_tap w[tap] · row[tap] (MultiplyAdd over whole planes) and its weight gradient per tap
/// is Dot(δ plane, row[tap]). The unfolding (a gather) and the folding back are scalar loops:
/// TensorPrimitives has no gather.
/// </summary>
public sealed class TensorConv2D : Layer
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
    private readonly int _taps;
    private readonly int _plane;
    private readonly Activation _activation;
    private readonly float[] _columns;      // [taps, plane]
    private readonly float[] _columnGradients;
    private readonly float[] _delta;

    public TensorConv2D(TensorShape input, TensorShape output, int kernelSize, int stride, int padding, Activation activation)
        : base(input.Size, output.Size, weightCount: output.Channels * input.Channels * kernelSize * kernelSize, biasCount: output.Channels)
    {
        (_channels, _height, _width) = (input.Channels, input.Height, input.Width);
        (_filters, _outHeight, _outWidth) = (output.Channels, output.Height, output.Width);
        (_kernel, _stride, _padding, _activation) = (kernelSize, stride, padding, activation);
        _taps = _channels * _kernel * _kernel;
        _plane = _outHeight * _outWidth;
        _columns = new float[_taps * _plane];
        _columnGradients = new float[_taps * _plane];
        _delta = new float[output.Size];
    }

    public override void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        Unfold(x);
        ReadOnlySpan<float> columns = _columns;
        for (int f = 0; f < _filters; f++)
        {
            Span<float> plane = y.Slice(f * _plane, _plane);
            plane.Fill(Biases[f]);
            for (int t = 0; t < _taps; t++)
            {
                TensorPrimitives.MultiplyAdd(columns.Slice(t * _plane, _plane), Weights[f * _taps + t], plane, plane);
            }
        }

        TensorActivation.ApplyInPlace(_activation, y);
    }

    public override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        Span<float> delta = _delta;
        TensorActivation.Derivative(_activation, y, dy, delta);
        ReadOnlySpan<float> columns = _columns;
        for (int f = 0; f < _filters; f++)
        {
            ReadOnlySpan<float> plane = delta.Slice(f * _plane, _plane);
            BiasGradients[f] += TensorPrimitives.Sum(plane);
            for (int t = 0; t < _taps; t++)
            {
                WeightGradients[f * _taps + t] += TensorPrimitives.Dot(plane, columns.Slice(t * _plane, _plane));
            }
        }

        if (dx.IsEmpty)
        {
            return;
        }

        Span<float> columnGradients = _columnGradients;
        columnGradients.Clear();
        for (int f = 0; f < _filters; f++)
        {
            ReadOnlySpan<float> plane = delta.Slice(f * _plane, _plane);
            for (int t = 0; t < _taps; t++)
            {
                Span<float> row = columnGradients.Slice(t * _plane, _plane);
                TensorPrimitives.MultiplyAdd(plane, Weights[f * _taps + t], row, row);
            }
        }

        Fold(dx);
    }

    /// <summary>_columns[(c, ky, kx), (oy, ox)] = x[c, oy·s + ky − p, ox·s + kx − p], 0 in the padding.</summary>
    private void Unfold(ReadOnlySpan<float> x)
    {
        int t = 0;
        for (int c = 0; c < _channels; c++)
        {
            for (int ky = 0; ky < _kernel; ky++)
            {
                for (int kx = 0; kx < _kernel; kx++, t++)
                {
                    Span<float> row = _columns.AsSpan(t * _plane, _plane);
                    for (int oy = 0; oy < _outHeight; oy++)
                    {
                        int iy = oy * _stride + ky - _padding;
                        for (int ox = 0; ox < _outWidth; ox++)
                        {
                            int ix = ox * _stride + kx - _padding;
                            bool inside = iy >= 0 && iy < _height && ix >= 0 && ix < _width;
                            row[oy * _outWidth + ox] = inside ? x[(c * _height + iy) * _width + ix] : 0;
                        }
                    }
                }
            }
        }
    }

    /// <summary>The transpose of <see cref="Unfold"/>: dx[c, iy, ix] = Σ of the column gradients that read it.</summary>
    private void Fold(Span<float> dx)
    {
        dx.Clear();
        int t = 0;
        for (int c = 0; c < _channels; c++)
        {
            for (int ky = 0; ky < _kernel; ky++)
            {
                for (int kx = 0; kx < _kernel; kx++, t++)
                {
                    ReadOnlySpan<float> row = _columnGradients.AsSpan(t * _plane, _plane);
                    for (int oy = 0; oy < _outHeight; oy++)
                    {
                        int iy = oy * _stride + ky - _padding;
                        for (int ox = 0; ox < _outWidth; ox++)
                        {
                            int ix = ox * _stride + kx - _padding;
                            if (iy >= 0 && iy < _height && ix >= 0 && ix < _width)
                            {
                                dx[(c * _height + iy) * _width + ix] += row[oy * _outWidth + ox];
                            }
                        }
                    }
                }
            }
        }
    }
}
