using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace NetCompiler.Benchmarks.Onnx;

/// <summary>
/// Writes a <see cref="NetworkSpec"/> and its parameters as an ONNX model (IR 8, opset 13) with a
/// dynamic batch dimension N: dense → Gemm (transB = 1, so W stays [units, inputs] as in
/// PyTorch), conv → Conv, max-pool → MaxPool, a dense after an image → Flatten first; then
/// Tanh / Relu / Softmax(axis 1). Input "x", output "y". Field numbers are those of onnx.proto.
/// </summary>
public static class OnnxModelBuilder
{
    public const string InputName = "x";
    public const string OutputName = "y";

    private const int FloatType = 1;     // TensorProto.DataType.FLOAT
    private const int AttributeInt = 2;  // AttributeProto.AttributeType.INT
    private const int AttributeInts = 7; // AttributeProto.AttributeType.INTS

    public static byte[] Build(NetworkSpec spec, ReadOnlySpan<float> parameters)
    {
        var graph = new ProtoWriter().String(2, "netcompiler");
        string current = InputName;
        int offset = 0;
        var nodes = new List<ProtoWriter>();
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            int weights = spec.GetWeightCount(l);
            int biases = spec.GetBiasCount(l);
            string w = $"W{l}", b = $"b{l}", z = $"z{l}";
            switch (spec.Layers[l])
            {
                case DenseLayerSpec dense:
                    if (spec.Shapes[l].IsImage)
                    {
                        nodes.Add(Node("Flatten", [current], $"flat{l}", Int("axis", 1)));
                        current = $"flat{l}";
                    }

                    graph.Message(5, Tensor(w, [dense.Units, spec.Shapes[l].Size], parameters.Slice(offset, weights)));
                    graph.Message(5, Tensor(b, [dense.Units], parameters.Slice(offset + weights, biases)));
                    nodes.Add(Node("Gemm", [current, w, b], z, Int("transB", 1)));
                    break;
                case Conv2DLayerSpec conv:
                    TensorShape input = spec.Shapes[l];
                    graph.Message(5, Tensor(w, [conv.Filters, input.Channels, conv.KernelSize, conv.KernelSize], parameters.Slice(offset, weights)));
                    graph.Message(5, Tensor(b, [conv.Filters], parameters.Slice(offset + weights, biases)));
                    nodes.Add(Node(
                        "Conv",
                        [current, w, b],
                        z,
                        Ints("kernel_shape", conv.KernelSize, conv.KernelSize),
                        Ints("strides", conv.Stride, conv.Stride),
                        Ints("pads", conv.Padding, conv.Padding, conv.Padding, conv.Padding)));
                    break;
                case MaxPool2DLayerSpec pool:
                    nodes.Add(Node("MaxPool", [current], z, Ints("kernel_shape", pool.Size, pool.Size), Ints("strides", pool.Stride, pool.Stride)));
                    break;
                default:
                    throw new NotSupportedException($"No ONNX form for {spec.Layers[l]}.");
            }

            offset += weights + biases;
            current = z;
            string activated = l == spec.Layers.Count - 1 ? OutputName : $"a{l}";
            switch (spec.Layers[l].Activation)
            {
                case Activation.Identity:
                    nodes.Add(Node("Identity", [current], activated));
                    break;
                case Activation.Tanh:
                    nodes.Add(Node("Tanh", [current], activated));
                    break;
                case Activation.ReLU:
                    nodes.Add(Node("Relu", [current], activated));
                    break;
                case Activation.Softmax:
                    nodes.Add(Node("Softmax", [current], activated, Int("axis", 1)));
                    break;
                default:
                    throw new NotSupportedException($"No ONNX form for {spec.Layers[l].Activation}.");
            }

            current = activated;
        }

        foreach (ProtoWriter node in nodes)
        {
            graph.Message(1, node);
        }

        TensorShape inputShape = spec.InputShape;
        graph.Message(11, ValueInfo(InputName, inputShape.IsImage ? [inputShape.Channels, inputShape.Height, inputShape.Width] : [inputShape.Size]));
        graph.Message(12, ValueInfo(OutputName, [spec.OutputSize]));

        return new ProtoWriter()
            .Varint(1, 8)                                   // ir_version
            .String(2, "NetCompiler.Benchmarks")            // producer_name
            .Message(8, new ProtoWriter().String(1, string.Empty).Varint(2, 13)) // opset_import: ai.onnx 13
            .Message(7, graph)
            .ToArray();
    }

    private static ProtoWriter Node(string opType, string[] inputs, string output, params ProtoWriter[] attributes)
    {
        var node = new ProtoWriter();
        foreach (string input in inputs)
        {
            node.String(1, input);
        }

        node.String(2, output).String(3, output + "_" + opType).String(4, opType);
        foreach (ProtoWriter attribute in attributes)
        {
            node.Message(5, attribute);
        }

        return node;
    }

    private static ProtoWriter Int(string name, long value) =>
        new ProtoWriter().String(1, name).Varint(20, AttributeInt).Varint(3, value);

    private static ProtoWriter Ints(string name, params long[] values)
    {
        var attribute = new ProtoWriter().String(1, name).Varint(20, AttributeInts);
        foreach (long value in values)
        {
            attribute.Varint(8, value);
        }

        return attribute;
    }

    private static ProtoWriter Tensor(string name, long[] dims, ReadOnlySpan<float> values)
    {
        var tensor = new ProtoWriter();
        foreach (long dim in dims)
        {
            tensor.Varint(1, dim);
        }

        return tensor.Varint(2, FloatType).String(8, name).Bytes(9, MemoryMarshal.AsBytes(values)); // raw_data, little-endian
    }

    /// <summary>A float tensor input or output of shape [N, dims...], N a symbolic batch size.</summary>
    private static ProtoWriter ValueInfo(string name, int[] dims)
    {
        var shape = new ProtoWriter().Message(1, new ProtoWriter().String(2, "N"));
        foreach (int dim in dims)
        {
            shape.Message(1, new ProtoWriter().Varint(1, dim));
        }

        var tensorType = new ProtoWriter().Varint(1, FloatType).Message(2, shape);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }
}
