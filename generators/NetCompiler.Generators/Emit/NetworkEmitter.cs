using System.Linq;
using NetCompiler.Generators.Model;
using NetCompiler.Shared;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// Writes the generated half of a network class: the public members of the contract (sizes,
/// Spec, constructors, Forward, Backward, Backpropagate, Step, Infer) with their argument checks,
/// around the arithmetic of <see cref="CompiledLayersEmitter"/>.
/// </summary>
internal static class NetworkEmitter
{
    public static readonly string Version = typeof(NetworkEmitter).Assembly.GetName().Version!.ToString(3);

    public static readonly string GeneratedCodeAttribute =
        "[global::System.CodeDom.Compiler.GeneratedCode(\"NetCompiler.Generators\", \"" + Version + "\")]";

    /// <summary>Asks the JIT to inline a method into its callers (small kernels whose values then stay in registers).</summary>
    public const string AggressiveInliningAttribute =
        "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";

    private const string Support = "global::NetCompiler.GeneratedCodeSupport";
    private const string Marshal = "global::System.Runtime.InteropServices.MemoryMarshal";

    /// <summary>The state-offset constant of aˡ: "A0", "A1", ….</summary>
    public static string ActivationName(int layer) => "A" + LayerEmitter.Format(layer);

    /// <summary>The state-offset constant of δˡ: "D0", "D1", ….</summary>
    public static string DeltaName(int layer) => "D" + LayerEmitter.Format(layer);

    public static string Emit(NetworkSource source) =>
        GeneratedFile.Write(source.Model.Type, "from the attributes on " + source.Model.Type.FullName, writer => EmitClass(writer, source));

    private static void EmitClass(SourceWriter writer, NetworkSource source)
    {
        NetworkModel network = source.Model;
        NumericType type = NumericType.For(network.Precision);
        var compiled = new CompiledLayersEmitter(network, type);
        var members = new ContractMembers(network.ClassName, type);
        EmitRemarks(writer, network, type);
        using (writer.Open("partial class " + network.ClassName + " : global::NetCompiler.INetwork<" + type.Name + ">"))
        {
            EmitConstantsAndSpec(writer, network);
            bool keepsPending = compiled.PendingExample is not null;
            EmitFieldsAndConstructors(writer, network, type, members, source.Weights, compiled.HasBatchPath || compiled.ExampleLanes is not null, keepsPending);
            EmitForward(writer, network, type, members, compiled);
            EmitTraining(writer, network, type, members, compiled.HasBatchBackwardPath, compiled.ExampleLanes, compiled.TrainsInRegisters, keepsPending);
            EmitInfer(writer, type, members, compiled);
            compiled.Emit(writer);
        }
    }

    private static void EmitRemarks(SourceWriter writer, NetworkModel network, NumericType type)
    {
        writer.Line("/// <remarks>");
        writer.Line("/// <para>" + Escape(network.Structure) + ", trained with " + network.Loss + ": " + LayerEmitter.Format(network.ParameterCount) + " parameters in " + type.PrecisionWord + " precision.</para>");
        writer.Line("/// <code>");
        writer.Line("/// layer  kind                  shape          parameters");
        foreach (LayerModel layer in network.Layers)
        {
            string parameters = layer.WeightCount + layer.BiasCount == 0
                ? "none"
                : "W [" + LayerEmitter.Format(layer.WeightOffset) + ", " + LayerEmitter.Format(layer.BiasOffset) + "), b [" + LayerEmitter.Format(layer.BiasOffset) + ", " + LayerEmitter.Format(layer.BiasOffset + layer.BiasCount) + ")";
            writer.Line("/// " + LayerEmitter.Format(layer.Number).PadRight(6) + " " + Escape(layer.Declaration.ToString()).PadRight(21) + " " + (layer.Input + " → " + layer.Output).PadRight(14) + " " + parameters);
        }

        writer.Line("/// </code>");
        writer.Line("/// </remarks>");
    }

    private static void EmitConstantsAndSpec(SourceWriter writer, NetworkModel network)
    {
        writer.Line("/// <summary>The number of input values: " + Escape(network.Input.ToString()) + ".</summary>");
        writer.Line(ContractMembers.SizeConstant("InputSize", network.InputSize));
        writer.Line();
        writer.Line("/// <summary>The number of output values: " + Escape(network.OutputLayer.Output.ToString()) + ".</summary>");
        writer.Line(ContractMembers.SizeConstant("OutputSize", network.OutputSize));
        writer.Line();
        writer.Line("/// <summary>All weights and biases together.</summary>");
        writer.Line(ContractMembers.SizeConstant("ParameterCount", network.ParameterCount));
        writer.Line();
        writer.Line("/// <summary>The layers as data, for the interpreter, the verifier and tools.</summary>");
        writer.Line(GeneratedCodeAttribute);
        writer.Line(ContractMembers.Spec + " { get; } = new global::NetCompiler.NetworkSpec(");
        string input = network.Input.IsSpatial
            ? "global::NetCompiler.TensorShape.Image(" + LayerEmitter.Format(network.Input.Channels) + ", " + LayerEmitter.Format(network.Input.Height) + ", " + LayerEmitter.Format(network.Input.Width) + ")"
            : "global::NetCompiler.TensorShape.Vector(" + LayerEmitter.Format(network.InputSize) + ")";
        writer.Line("    " + input + ",");
        writer.Line("    new global::NetCompiler.LayerSpec[]");
        writer.Line("    {");
        foreach (LayerModel layer in network.Layers)
        {
            writer.Line("        " + LayerSpecExpression(layer.Declaration) + ",");
        }

        writer.Line("    },");
        writer.Line("    global::NetCompiler.LossFunction." + network.Loss + ");");
        writer.Line();
    }

    private static string LayerSpecExpression(LayerDeclaration layer)
    {
        string activation = "global::NetCompiler.Activation." + layer.Activation;
        return layer.Kind switch
        {
            LayerKind.Dense => "new global::NetCompiler.DenseLayerSpec(" + LayerEmitter.Format(layer.Count) + ", " + activation + ")",
            LayerKind.Conv2D => "new global::NetCompiler.Conv2DLayerSpec(" + LayerEmitter.Format(layer.Count) + ", " + LayerEmitter.Format(layer.Window) + ", " + activation
                + ", stride: " + LayerEmitter.Format(layer.Stride) + ", padding: " + LayerEmitter.Format(layer.Padding) + ")",
            _ => "new global::NetCompiler.MaxPool2DLayerSpec(" + LayerEmitter.Format(layer.Window) + ", stride: " + LayerEmitter.Format(layer.Stride) + ")",
        };
    }

    private static void EmitFieldsAndConstructors(SourceWriter writer, NetworkModel network, NumericType type, ContractMembers members, EmbeddedWeights? weights, bool hasBatchPath, bool keepsPending)
    {
        string t = type.Name;
        string buffer = "global::NetCompiler.AlignedBuffer<" + t + ">";
        writer.Line("// Each region starts on a cache line, so no vector load of a row straddles two.");
        writer.Line("private readonly " + buffer + " _parameters = new " + buffer + "(ParameterCount);");
        writer.Line("private readonly " + buffer + " _gradients = new " + buffer + "(ParameterCount);");
        writer.Line("private readonly " + buffer + " _state = new " + buffer + "(CompiledLayers.StateSize);");
        if (hasBatchPath)
        {
            writer.Line("private readonly " + buffer + " _batch = new " + buffer + "(CompiledLayers.BatchBufferSize);");
        }

        if (keepsPending)
        {
            writer.Line("// The first example since a step keeps its δ and a of the large layers here, not δaᵀ in ∇W: Step takes them straight.");
            writer.Line("private readonly " + buffer + " _pending = new " + buffer + "(CompiledLayers.PendingSize);");
            writer.Line("private bool _hasPending;");
            writer.Line("// Once Gradients has been handed out, ∇W may be written through it at any time: no example is kept pending again.");
            writer.Line("private bool _gradientsHandedOut;");
        }

        writer.Line("private int _accumulatedSamples;");
        writer.Line();
        if (weights is null)
        {
            writer.Line("/// <summary>A network with the initial parameters of seed 0.</summary>");
            writer.Line(GeneratedCodeAttribute);
            writer.Line(members.DefaultConstructor);
            writer.Line("    : this(0)");
            writer.Line("{");
            writer.Line("}");
        }
        else
        {
            writer.Line("/// <summary>A network that starts from the <see cref=\"EmbeddedParameters\"/> compiled in.</summary>");
            writer.Line(GeneratedCodeAttribute);
            using (writer.Open(members.DefaultConstructor))
            {
                writer.Line("EmbeddedParameters.CopyTo(_parameters.Span);");
            }
        }

        writer.Line();
        writer.Line("/// <summary>A network with deterministic initial parameters: biases 0, weights He-normal before ReLU and LeakyReLU, Glorot-uniform otherwise.</summary>");
        writer.Line(GeneratedCodeAttribute);
        using (writer.Open(members.SeedConstructor))
        {
            writer.Line("global::NetCompiler.ParameterInitializer.Initialize(Spec, seed, _parameters.Span);");
        }

        writer.Line();
        if (weights is not null)
        {
            EmitEmbeddedParameters(writer, type, members, weights);
        }

        writer.Line("/// <inheritdoc/>");
        writer.Line(members.Parameters + " => _parameters.Span;");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        if (keepsPending)
        {
            using (writer.Open(members.Gradients))
            {
                using (writer.Open("get"))
                {
                    writer.Line("AddPending();");
                    writer.Line("_gradientsHandedOut = true;");
                    writer.Line("return _gradients.Span;");
                }
            }
        }
        else
        {
            writer.Line(members.Gradients + " => _gradients.Span;");
        }

        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line(ContractMembers.AccumulatedSamples + " => _accumulatedSamples;");
        writer.Line();
    }

    private static void EmitForward(SourceWriter writer, NetworkModel network, NumericType type, ContractMembers members, CompiledLayersEmitter compiled)
    {
        string t = type.Name;
        writer.Line("/// <inheritdoc/>");
        writer.Line(GeneratedCodeAttribute);
        using (writer.Open(members.Forward))
        {
            writer.Line(Support + ".CheckLength(input.Length, InputSize, nameof(input));");
            writer.Line(Support + ".CheckLength(output.Length, OutputSize, nameof(output));");
            writer.Line("ForwardOne(input, output);");
        }

        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line(GeneratedCodeAttribute);
        using (writer.Open(members.ForwardBatch))
        {
            writer.Line(Support + ".CheckCount(count, nameof(count));");
            writer.Line(Support + ".CheckBatchLength(inputs.Length, count, InputSize, nameof(inputs));");
            writer.Line(Support + ".CheckBatchLength(outputs.Length, count, OutputSize, nameof(outputs));");
            if (compiled.HasBatchPath)
            {
                EmitBatchForward(writer, t);
            }
            else
            {
                EmitExamples(
                    writer,
                    t,
                    compiled.ExampleLanes,
                    "ForwardOne(inputs.Slice(n * InputSize, InputSize), outputs.Slice(n * OutputSize, OutputSize));",
                    "CompiledLayers.ForwardLanes(ref parameters, ref CompiledLayers.At(ref " + Marshal + ".GetReference(inputs), n * InputSize), ref batch);",
                    "CompiledLayers.CopyOutputs(ref batch, ref CompiledLayers.At(ref " + Marshal + ".GetReference(outputs), n * OutputSize));");
            }
        }

        writer.Line();
        writer.Line("/// <summary>The forward pass of one example, the output copied out; the state keeps every activation.</summary>");
        writer.Line(GeneratedCodeAttribute);
        if (compiled.IsSmall)
        {
            writer.Line(AggressiveInliningAttribute);
        }

        using (writer.Open("private void ForwardOne(" + type.ReadOnlySpan + " input, " + type.Span + " output)"))
        {
            if (compiled.ActivatesFromRegister)
            {
                EmitForwardOneFromRegister(writer, type, compiled);
            }
            else
            {
                writer.Line("ref " + t + " state = ref ForwardPass(input);");
                EmitOutputCopy(writer, "CompiledLayers.At(ref state, CompiledLayers.Output)");
            }
        }

        writer.Line();
        writer.Line("/// <summary>a⁰ = x (kept for Backpropagate), then every layer; returns the state.</summary>");
        writer.Line(GeneratedCodeAttribute);
        if (compiled.IsSmall)
        {
            // inlined into Forward: one call fewer for a pass of a few dozen instructions (W2 infer1 about 5 % faster)
            writer.Line(AggressiveInliningAttribute);
        }

        using (writer.Open("private ref " + t + " ForwardPass(" + type.ReadOnlySpan + " input)"))
        {
            writer.Line("ref " + t + " state = ref _state.Origin;");
            EmitInputCopy(writer);
            writer.Line(ForwardCall(compiled));
            writer.Line("return ref state;");
        }

        writer.Line();
    }

    /// <summary>
    /// The examples n of a batch without batch kernels: where the network has a lanes path, whole
    /// blocks in vector lanes first (<see cref="EmitLanesBlocks"/>), then the rest one at a time
    /// (<paramref name="oneExample"/>).
    /// </summary>
    private static void EmitExamples(SourceWriter writer, string t, ExampleLanesEmitter? lanes, string oneExample, params string[] block)
    {
        string first = "int n = 0";
        if (lanes is not null)
        {
            writer.Line(first + ";");
            EmitLanesBlocks(writer, t, lanes, block);
            first = string.Empty;
        }

        using (writer.Open("for (" + first + "; n < count; n++)"))
        {
            writer.Line(oneExample);
        }
    }

    /// <summary>
    /// Whole blocks of examples in vector lanes from example n on, where <c>Vector&lt;T&gt;</c> is the
    /// width the lanes kernels are written for (the lines of <paramref name="block"/> for the block at
    /// n); the examples left run one at a time after it. Lanes leave no state, so
    /// when the last example was in a block, its forward pass runs again for <c>Backpropagate</c>.
    /// </summary>
    private static void EmitLanesBlocks(SourceWriter writer, string t, ExampleLanesEmitter lanes, string[] block)
    {
        using (writer.Open("if (" + lanes.Condition + ")"))
        {
            writer.Line("ref " + t + " parameters = ref _parameters.Origin;");
            writer.Line("ref " + t + " batch = ref _batch.Origin;");
            using (writer.Open("for (; n + CompiledLayers.Lanes <= count; n += CompiledLayers.Lanes)"))
            {
                foreach (string line in block)
                {
                    writer.Line(line);
                }
            }

            writer.Line("// the state holds the last example's activations, as after the one-example form");
            using (writer.Open("if (n == count && count > 0)"))
            {
                writer.Line("ForwardPass(inputs.Slice((count - 1) * InputSize, InputSize));");
            }
        }
    }

    /// <summary>Blocks of examples through the batch kernels, then the last example's activations into the state, as the one-example form leaves them.</summary>
    private static void EmitBatchForward(SourceWriter writer, string t)
    {
        writer.Line("ref " + t + " parameters = ref _parameters.Origin;");
        writer.Line("ref " + t + " batch = ref _batch.Origin;");
        using (writer.Open("for (int start = 0; start < count; start += CompiledLayers.BatchSize)"))
        {
            writer.Line("int block = global::System.Math.Min(CompiledLayers.BatchSize, count - start);");
            writer.Line("CompiledLayers.ForwardBatch(ref parameters, ref CompiledLayers.At(ref " + Marshal + ".GetReference(inputs), start * InputSize), ref batch, block);");
            using (writer.Open("for (int n = 0; n < block; n++)"))
            {
                writer.Line(CompiledLayersEmitter.CopyCall("CompiledLayers.At(ref batch, CompiledLayers.BatchAOutput + n * CompiledLayers.BatchOutputStride)", "CompiledLayers.At(ref " + Marshal + ".GetReference(outputs), (start + n) * OutputSize)", "OutputSize"));
            }
        }

        writer.Line("// Forward leaves the last example's activations in place for Backpropagate.");
        EmitKeepLastExample(writer);
    }

    /// <summary>After a batch: the last example's activations, still in the batch buffer, into the state.</summary>
    private static void EmitKeepLastExample(SourceWriter writer)
    {
        using (writer.Open("if (count > 0)"))
        {
            writer.Line("CompiledLayers.KeepExample(ref CompiledLayers.At(ref " + Marshal + ".GetReference(inputs), (count - 1) * InputSize), ref batch, (count - 1) % CompiledLayers.BatchSize, ref _state.Origin);");
        }
    }

    /// <summary>a⁰ = x into <c>state</c>.</summary>
    private static void EmitInputCopy(SourceWriter writer)
    {
        writer.Line("// a copy of constant length (the caller has checked it), which the JIT writes out for a small input");
        writer.Line(CompiledLayersEmitter.CopyCall(Marshal + ".GetReference(input)", "state", "InputSize"));
    }

    private static void EmitTraining(SourceWriter writer, NetworkModel network, NumericType type, ContractMembers members, bool hasBatchBackwardPath, ExampleLanesEmitter? lanes, bool trainsInRegisters, bool keepsPending)
    {
        string t = type.Name;
        var member = new TrainingMemberWriter(writer, network);
        string parameters = "ref _parameters.Origin";
        string gradients = "ref _gradients.Origin";

        member.Emit(members.Backward, () =>
        {
            writer.Line(Support + ".CheckLength(input.Length, InputSize, nameof(input));");
            writer.Line(Support + ".CheckLength(target.Length, OutputSize, nameof(target));");
            writer.Line(t + " loss = BackwardOne(input, target);");
            writer.Line("_accumulatedSamples++;");
            writer.Line("return loss;");
        });

        member.Emit(members.BackwardBatch, () =>
        {
            writer.Line(Support + ".CheckCount(count, nameof(count));");
            writer.Line(Support + ".CheckBatchLength(inputs.Length, count, InputSize, nameof(inputs));");
            writer.Line(Support + ".CheckBatchLength(targets.Length, count, OutputSize, nameof(targets));");
            writer.Line(t + " loss = 0;");
            EmitAddPending(writer, keepsPending);
            if (hasBatchBackwardPath)
            {
                writer.Line("ref " + t + " batch = ref _batch.Origin;");
                using (writer.Open("for (int start = 0; start < count; start += CompiledLayers.BatchSize)"))
                {
                    writer.Line("int block = global::System.Math.Min(CompiledLayers.BatchSize, count - start);");
                    writer.Line("loss = CompiledLayers.BackwardBatch(" + parameters + ", " + gradients + ", ref CompiledLayers.At(ref " + Marshal + ".GetReference(inputs), start * InputSize), ref CompiledLayers.At(ref " + Marshal + ".GetReference(targets), start * OutputSize), ref batch, block, loss);");
                }

                writer.Line("// The state holds the last example's activations, as after the one-example form.");
                EmitKeepLastExample(writer);
            }
            else
            {
                EmitExamples(
                    writer,
                    t,
                    lanes,
                    "loss += BackwardOne(inputs.Slice(n * InputSize, InputSize), targets.Slice(n * OutputSize, OutputSize));",
                    "loss = CompiledLayers.BackwardLanes(ref parameters, " + gradients + ", ref CompiledLayers.At(ref " + Marshal + ".GetReference(inputs), n * InputSize), ref CompiledLayers.At(ref " + Marshal + ".GetReference(targets), n * OutputSize), ref batch, loss);");
            }

            writer.Line("_accumulatedSamples += count;");
            writer.Line("return loss;");
        });

        if (network.IsTrainable)
        {
            writer.Line("/// <summary>Forward pass, loss and backward pass for one example; adds its gradient and returns J.</summary>");
            writer.Line(GeneratedCodeAttribute);
            using (writer.Open("private " + t + " BackwardOne(" + type.ReadOnlySpan + " input, " + type.ReadOnlySpan + " target)"))
            {
                if (trainsInRegisters)
                {
                    writer.Line("ref " + t + " state = ref _state.Origin;");
                    writer.Line("// Step adds 256-bit vectors here: the whole pass in registers, the gradient added as those vectors");
                    using (writer.Open("if (" + type.VectorIs256Bits + ")"))
                    {
                        EmitInputCopy(writer);
                        writer.Line("return CompiledLayers." + RegisterBackwardEmitter.TrainingName + "(" + parameters + ", " + gradients + ", ref state, ref " + Marshal + ".GetReference(target));");
                    }

                    writer.Line();
                    writer.Line("state = ref ForwardPass(input);");
                }
                else
                {
                    writer.Line("ref " + t + " state = ref ForwardPass(input);");
                }

                string last = LayerEmitter.Format(network.Layers.Count);
                writer.Line(t + " loss = CompiledLayers.Loss(ref CompiledLayers.At(ref state, CompiledLayers.Z" + last + "), ref CompiledLayers.At(ref state, CompiledLayers.A" + last + "), ref CompiledLayers.At(ref state, CompiledLayers.D" + last + "), ref " + Marshal + ".GetReference(target));");
                EmitAddPending(writer, keepsPending);
                EmitOneExampleBackward(writer, keepsPending, parameters, gradients, "toInput: false");

                writer.Line("return loss;");
            }

            writer.Line();
        }

        member.Emit(members.Backpropagate, () =>
        {
            writer.Line(Support + ".CheckLength(outputGradient.Length, OutputSize, nameof(outputGradient));");
            writer.Line(Support + ".CheckOptionalLength(inputGradient.Length, InputSize, nameof(inputGradient));");
            EmitAddPending(writer, keepsPending);
            writer.Line("ref " + t + " state = ref _state.Origin;");
            writer.Line("CompiledLayers.OutputDelta(ref state, ref " + Marshal + ".GetReference(outputGradient));");
            writer.Line("bool toInput = !inputGradient.IsEmpty;");
            EmitOneExampleBackward(writer, keepsPending, parameters, gradients, "toInput");
            using (writer.Open("if (toInput)"))
            {
                writer.Line(CompiledLayersEmitter.CopyCall("CompiledLayers.At(ref state, CompiledLayers.D0)", Marshal + ".GetReference(inputGradient)", "InputSize"));
            }

            writer.Line("_accumulatedSamples++;");
        });

        member.Emit(members.Step, () =>
        {
            writer.Line(t + " inverseCount = 1 / (" + t + ")global::System.Math.Max(_accumulatedSamples, 1);");
            if (keepsPending)
            {
                using (writer.Open("if (_hasPending)"))
                {
                    writer.Line("// One example, its gradient of the large layers still δ and a: W −= α[(1/m)·δaᵀ + λW] straight from them.");
                    writer.Line("CompiledLayers.StepPending(" + parameters + ", " + gradients + ", ref _pending.Origin, inverseCount, learningRate, weightDecay);");
                    writer.Line("_hasPending = false;");
                    writer.Line("_accumulatedSamples = 0;");
                    writer.Line("return;");
                }

                writer.Line();
            }

            writer.Line("// Descend also clears the gradients it has used.");
            writer.Line("CompiledLayers.Step(" + parameters + ", " + gradients + ", inverseCount, learningRate, weightDecay);");
            writer.Line("_accumulatedSamples = 0;");
        });

        writer.Line("/// <inheritdoc/>");
        writer.Line(GeneratedCodeAttribute);
        using (writer.Open(ContractMembers.ZeroGradients))
        {
            writer.Line("_gradients.Span.Clear();");
            if (keepsPending)
            {
                writer.Line("_hasPending = false;");
            }

            writer.Line("_accumulatedSamples = 0;");
        }

        writer.Line();
        if (keepsPending)
        {
            writer.Line("/// <summary>Adds the pending example's gradient of the large layers, if one is kept, to ∇W and ∇b: before anything else reads or adds to them.</summary>");
            writer.Line(GeneratedCodeAttribute);
            using (writer.Open("private void AddPending()"))
            {
                using (writer.Open("if (_hasPending)"))
                {
                    writer.Line("CompiledLayers.AddPending(" + gradients + ", ref _pending.Origin);");
                    writer.Line("_hasPending = false;");
                }
            }

            writer.Line();
        }
    }

    /// <summary>A call of <c>AddPending</c> where the network keeps a pending example.</summary>
    private static void EmitAddPending(SourceWriter writer, bool keepsPending)
    {
        if (keepsPending)
        {
            writer.Line("AddPending();");
        }
    }

    /// <summary>
    /// The backward pass of one example from δᴸ in the state (<c>Backward</c> after the loss,
    /// <c>Backpropagate</c> after the given ∂J/∂aᴸ). Where the network <paramref name="keepsPending"/>:
    /// when it is the first since a step and ∇W has not been handed out, the large layers' δaᵀ waits
    /// for <c>Step</c>, which takes it from their δ and a.
    /// </summary>
    private static void EmitOneExampleBackward(SourceWriter writer, bool keepsPending, string parameters, string gradients, string toInput)
    {
        if (!keepsPending)
        {
            writer.Line("CompiledLayers.Backward(" + parameters + ", " + gradients + ", ref state, " + toInput + ");");
            return;
        }

        writer.Line("// The first example since a step, ∇W of the large layers +0 and not handed out: δaᵀ waits for Step, as δ and a.");
        writer.Line("bool deferGradient = _accumulatedSamples == 0 && !_gradientsHandedOut;");
        writer.Line("CompiledLayers.Backward(" + parameters + ", " + gradients + ", ref state, " + toInput + ", deferGradient);");
        using (writer.Open("if (deferGradient)"))
        {
            writer.Line("CompiledLayers.KeepPending(ref state, ref _pending.Origin);");
            writer.Line("_hasPending = true;");
        }
    }

    /// <summary><c>CompiledLayers.Forward(…);</c> on the instance's parameters and state, a⁰ copied into the state already.</summary>
    private static string ForwardCall(CompiledLayersEmitter compiled) =>
        "CompiledLayers.Forward(ref _parameters.Origin, " + (compiled.ForwardReadsInput ? "ref " + Marshal + ".GetReference(input), " : string.Empty) + "ref state);";

    /// <summary>
    /// <c>ForwardPass</c> written out, the output stored from the register the output activation
    /// leaves aᴸ in where <c>Vector&lt;T&gt;</c> is 256 bits wide (and, for float, 128 bits): copied from the
    /// state, it would be read just after it was stored and wait for the store (W2 infer1 9 % faster;
    /// benchmarks/HISTORY.md, the twenty-sixth run).
    /// </summary>
    private static void EmitForwardOneFromRegister(SourceWriter writer, NumericType type, CompiledLayersEmitter compiled)
    {
        writer.Line("ref " + type.Name + " state = ref _state.Origin;");
        EmitInputCopy(writer);
        writer.Line("var activation = " + ForwardCall(compiled));
        writer.Line("// the output from the register the softmax leaves it in (a copy from the state would wait for the store just made there)");
        using (writer.Open("if (" + type.VectorIs256Bits + (compiled.ActivatesFrom128BitRegister ? " || " + type.VectorIs128Bits : string.Empty) + ")"))
        {
            writer.Line(CompiledLayersEmitter.StoreFirstLanesCall("activation", Marshal + ".GetReference(output)"));
        }

        using (writer.Open("else"))
        {
            EmitOutputCopy(writer, "CompiledLayers.At(ref state, CompiledLayers.Output)");
        }
    }

    /// <summary>
    /// Copies aᴸ from <paramref name="source"/> (a ref expression) to the checked span <c>output</c>, as one
    /// copy of constant length, which the JIT writes out for a few values. The output activations store aᴸ
    /// as whole vectors, so the copy's loads are served from those stores (the small softmax, where
    /// <c>Vector&lt;T&gt;</c> is 256 bits wide or, for float, 128, hands the output its register instead:
    /// <see cref="EmitForwardOneFromRegister"/>); only the small softmax of other widths stores value by
    /// value, where a wider load waits until they reach the cache.
    /// </summary>
    private static void EmitOutputCopy(SourceWriter writer, string source) =>
        writer.Line(CompiledLayersEmitter.CopyCall(source, Marshal + ".GetReference(output)", "OutputSize"));

    private static void EmitInfer(SourceWriter writer, NumericType type, ContractMembers members, CompiledLayersEmitter compiled)
    {
        string t = type.Name;
        writer.Line("/// <summary>");
        writer.Line("/// Runs the network on <paramref name=\"input\"/> with the given parameters (laid out as");
        writer.Line("/// <see cref=\"Parameters\"/>), using only the stack (or, past " + LayerEmitter.Format(ScratchBuffer.StackLimitBytes / 1024) + " KB of activations, native memory): no instance,");
        writer.Line("/// no allocation on the managed heap, safe on many threads at once.");
        writer.Line("/// </summary>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length; nothing is written.</exception>");
        writer.Line(GeneratedCodeAttribute);
        using (writer.Open(members.Infer))
        {
            writer.Line(Support + ".CheckLength(parameters.Length, ParameterCount, nameof(parameters));");
            writer.Line(Support + ".CheckLength(input.Length, InputSize, nameof(input));");
            writer.Line(Support + ".CheckLength(output.Length, OutputSize, nameof(output));");
            writer.Line("ref " + t + " p = ref " + Marshal + ".GetReference(parameters);");
            writer.Line("// Two halves used in turn: each layer reads one and writes the other.");
            ScratchBuffer.Emit(writer, t, type.Size, "first", 2 * compiled.Layout.LargestLayer, () =>
            {
                writer.Line("ref " + t + " second = ref CompiledLayers.At(ref first, CompiledLayers.LargestLayer);");
                writer.Line("CompiledLayers.ForwardThrough(ref p, ref " + Marshal + ".GetReference(input), ref first, ref second, ref " + Marshal + ".GetReference(output));");
            });
        }

        writer.Line();
    }

    /// <summary>
    /// The weights file's values as a <c>ReadOnlySpan&lt;T&gt;</c> over an array of constants, which
    /// the C# compiler stores as data in the assembly: no file is read and nothing is allocated.
    /// </summary>
    private static void EmitEmbeddedParameters(SourceWriter writer, NumericType type, ContractMembers members, EmbeddedWeights weights)
    {
        const int perLine = 8;
        writer.Line("/// <summary>");
        writer.Line("/// The parameters compiled in from <c>" + Escape(weights.Path) + "</c> (" + Escape(weights.Checksum) + "), in the layout of");
        writer.Line("/// <see cref=\"Parameters\"/>: constant data in the assembly, read without allocation.");
        writer.Line("/// </summary>");
        writer.Line(GeneratedCodeAttribute);
        writer.Line(members.EmbeddedParameters + " => new " + type.Name + "[]");
        writer.Line("{");
        for (int start = 0; start < weights.Values.Count; start += perLine)
        {
            var line = new System.Text.StringBuilder("    ");
            for (int i = start; i < System.Math.Min(start + perLine, weights.Values.Count); i++)
            {
                line.Append(type.Literal(weights.Values[i])).Append(i + 1 < weights.Values.Count ? ", " : string.Empty);
            }

            writer.Line(line.ToString().TrimEnd());
        }

        writer.Line("};");
        writer.Line();
    }

    /// <summary>Escapes text for an XML doc comment.</summary>
    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
