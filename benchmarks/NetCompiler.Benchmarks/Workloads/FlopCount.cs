using System;
using NetCompiler.Benchmarks.Driving;

namespace NetCompiler.Benchmarks.Workloads;

/// <summary>
/// The floating-point work a workload cannot avoid, per example, counting a multiply-add as 2
/// FLOPs and nothing else (activations, softmax, bias adds and pooling are free, which makes this
/// a lower bound):
/// <list type="bullet">
/// <item>forward: the multiply-adds of every dense and conv layer (conv: only taps that land
/// inside the image; padding is free);</item>
/// <item>backward: the same count again for the weight gradients, and again for the input
/// gradient of every layer but the first;</item>
/// <item>step: one multiply-add per parameter, once per Step (so per example in train1, a 32nd
/// of that in train32).</item>
/// </list>
/// </summary>
public sealed class FlopCount
{
    public FlopCount(NetworkSpec spec)
    {
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            TensorShape input = spec.Shapes[l];
            TensorShape output = spec.Shapes[l + 1];
            long macs = spec.Layers[l] switch
            {
                DenseLayerSpec dense => (long)dense.Units * input.Size,
                Conv2DLayerSpec conv => ConvMacs(input, output, conv),
                _ => 0,
            };
            ForwardMacs += macs;
            BackwardMacs += l == 0 ? macs : 2 * macs;
        }

        Parameters = spec.ParameterCount;
    }

    public long ForwardMacs { get; }

    public long BackwardMacs { get; }

    public long Parameters { get; }

    /// <summary>The lower-bound FLOPs of one example in <paramref name="mode"/>.</summary>
    public double Flops(Mode mode) => mode switch
    {
        Mode.Infer1 or Mode.Infer32 => 2.0 * ForwardMacs,
        Mode.Train1 => 2.0 * (ForwardMacs + BackwardMacs + Parameters),
        Mode.Train32 => 2.0 * (ForwardMacs + BackwardMacs + (double)Parameters / SampleData.BatchSize),
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    private static long ConvMacs(TensorShape input, TensorShape output, Conv2DLayerSpec conv)
    {
        long taps = 0;
        for (int oy = 0; oy < output.Height; oy++)
        {
            for (int ox = 0; ox < output.Width; ox++)
            {
                for (int ky = 0; ky < conv.KernelSize; ky++)
                {
                    for (int kx = 0; kx < conv.KernelSize; kx++)
                    {
                        int iy = oy * conv.Stride + ky - conv.Padding;
                        int ix = ox * conv.Stride + kx - conv.Padding;
                        if (iy >= 0 && iy < input.Height && ix >= 0 && ix < input.Width)
                        {
                            taps++;
                        }
                    }
                }
            }
        }

        return taps * input.Channels * output.Channels;
    }
}
