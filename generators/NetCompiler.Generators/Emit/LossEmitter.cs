using System.Linq;
using NetCompiler.Generators.Model;
using NetCompiler.Shared;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// Writes the output layer's pieces of <c>CompiledLayers</c>: the output activation aᴸ = f(zᴸ),
/// the loss J with its delta δᴸ = ∂J/∂zᴸ, and δᴸ from a given ∂J/∂aᴸ for <c>Backpropagate</c>.
/// </summary>
internal sealed partial class LossEmitter
{
    private readonly NetworkModel _network;
    private readonly NumericType _type;
    private readonly string _l;
    private readonly string _outputs;

    public LossEmitter(NetworkModel network, NumericType type)
    {
        _network = network;
        _type = type;
        _l = LayerEmitter.ToSuperscript(network.Layers.Count);
        _outputs = LayerEmitter.Format(network.OutputSize);
    }

    private string T => _type.Name;

    private Activation OutputActivation => _network.OutputLayer.Activation;

    /// <summary>
    /// <c>ActivateOutput(ref z, ref a)</c>: aᴸ = f(zᴸ), keeping zᴸ for the loss; a small softmax loads zᴸ as one
    /// 256-bit vector where the last layer <paramref name="storesZAsOneVector"/> (see <see cref="LayerEmitter.StoresOutputAsOneVector"/>).
    /// </summary>
    public void EmitActivateOutput(SourceWriter writer, bool storesZAsOneVector)
    {
        writer.Line("/// <summary>The output activation a" + _l + " = " + (OutputActivation == Activation.Softmax ? "softmax" : OutputActivation.ToString()) + "(z" + _l + "), keeping z" + _l + " for the loss.</summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        if (SumsSoftmaxInOneOrder)
        {
            writer.Line(NetworkEmitter.AggressiveInliningAttribute);
        }

        using (writer.Open("internal static void ActivateOutput(ref " + T + " z, ref " + T + " a)"))
        {
            if (OutputActivation == Activation.Softmax)
            {
                writer.Line("// pₖ = e^(zₖ − max z) / Σⱼ e^(zⱼ − max z): subtracting the max keeps every exponent ≤ 0");
                if (IsSmallOutput)
                {
                    foreach (int bits in SoftmaxVectorBits)
                    {
                        using (writer.Open((bits == 256 ? "if (" : "else if (") + _type.VectorIsBits(bits) + ")"))
                        {
                            string z = storesZAsOneVector ? NumericType.VectorClass(bits) + ".LoadUnsafe(ref z)" : _type.VectorCreate(bits, _network.OutputSize, k => "At(ref z, " + LayerEmitter.Format(k) + ")");
                            writer.Line("ActivateOutput(" + z + ", ref a);");
                        }
                    }

                    using (writer.Open("else"))
                    {
                        writer.Line(T + " sum = ShiftedExponentials(" + ValuesOfZ + ", out _, " + string.Join(", ", ExponentialNames.Select(name => "out " + T + " " + name)) + ");");
                        for (int k = 0; k < _network.OutputSize; k++)
                        {
                            writer.Line("At(ref a, " + LayerEmitter.Format(k) + ") = e" + LayerEmitter.Format(k) + " / sum;");
                        }
                    }
                }
                else if (SoftmaxSumsInTree)
                {
                    writer.Line("// the runtime's SoftmaxTree: on whole vectors, Σⱼ added in one fixed tree at every vector width");
                    writer.Line(SoftmaxTreeClass + ".Softmax(ref z, ref a, " + _outputs + ");");
                }
                else
                {
                    writer.Line("global::NetCompiler.Activations.Softmax(global::System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref z, " + _outputs + "), global::System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref a, " + _outputs + "));");
                }
            }
            else
            {
                ActivationEmitter.EmitElementwise(writer, _type, OutputActivation, "z", "a", _network.OutputSize);
            }
        }

        if (ActivatesOutputOnVector)
        {
            foreach (int bits in SoftmaxVectorBits)
            {
                writer.Line();
                EmitActivateOutputOnVector(writer, bits);
            }

            writer.Line();
            EmitShiftedExponentials(writer);
            foreach (int bits in SoftmaxVectorBits)
            {
                writer.Line();
                EmitShiftedExponentialsOnVector(writer, bits);
            }
        }
    }

    /// <summary>
    /// <c>ActivateOutput(VectorN&lt;T&gt; z, ref a)</c> on a vector of <paramref name="bits"/>: aᴸ from the
    /// shifted exponentials by one vector division, stored and returned in that vector.
    /// </summary>
    private void EmitActivateOutputOnVector(SourceWriter writer, int bits)
    {
        string vectorClass = NumericType.VectorClass(bits);
        string vector = _type.VectorOfBits(bits);
        writer.Line("/// <summary>" + (bits == 128 ? "The same" : "a" + _l + " = softmax(z" + _l + ")") + " from z" + _l + " in a " + bits + "-bit vector, where <c>Vector&lt;T&gt;</c> is one: every pₖ by one vector division (the padding lanes get +0); returns a" + _l + " as that vector too.</summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        writer.Line(NetworkEmitter.AggressiveInliningAttribute);
        using (writer.Open("internal static " + vector + " ActivateOutput(" + vector + " z, ref " + T + " a)"))
        {
            writer.Line(T + " sum = " + ShiftedExponentialsOnVectorName + "(z, out _, out var e);");
            writer.Line("var p = e / " + vectorClass + ".Create(sum);");
            writer.Line(vectorClass + ".StoreUnsafe(p, ref a);");
            writer.Line("return p;");
        }
    }

    /// <summary>The widths in bits of the vectors the small softmax runs on: 256, and for float 128 too.</summary>
    private int[] SoftmaxVectorBits => ActivatesOutputOn128BitVector ? new[] { 256, 128 } : new[] { 256 };

    /// <summary>
    /// Whether the small softmax runs on one 128-bit vector too where <c>Vector&lt;T&gt;</c> is one (ARM64, x64
    /// without AVX2): float, whose four lanes hold the few outputs; the exponential is then one vector
    /// chain instead of one scalar chain per output.
    /// </summary>
    public bool ActivatesOutputOn128BitVector => ActivatesOutputOnVector && _type.Vector128Lanes == 4;

    /// <summary>
    /// Whether the output is a softmax over a few outputs, which, where <c>Vector&lt;T&gt;</c> is 256 bits wide,
    /// runs on zᴸ as one vector: <c>ActivateOutput(Vector256&lt;T&gt; z, ref a)</c> is written too.
    /// </summary>
    public bool ActivatesOutputOnVector => OutputActivation == Activation.Softmax && IsSmallOutput;

    /// <summary><c>Loss(ref z, ref a, ref delta, ref target)</c>: returns J of one example and writes δᴸ = ∂J/∂zᴸ.</summary>
    public void EmitLoss(SourceWriter writer)
    {
        writer.Line("/// <summary>The loss J(W, b; x, y) of one example from its z" + _l + " and a" + _l + ", writing δ" + _l + " = ∂J/∂z" + _l + ".</summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("internal static " + T + " Loss(ref " + T + " z, ref " + T + " a, ref " + T + " delta, ref " + T + " target)"))
        {
            switch (_network.Loss)
            {
                case LossFunction.CrossEntropy:
                    EmitCrossEntropy(writer);
                    break;
                case LossFunction.BinaryCrossEntropy:
                    EmitBinaryCrossEntropy(writer);
                    break;
                default:
                    EmitMeanSquaredError(writer);
                    break;
            }
        }
    }

    /// <summary><c>OutputDelta(ref state, ref outputGradient)</c>: δᴸ = (∂aᴸ/∂zᴸ)ᵀ · ∂J/∂aᴸ.</summary>
    public void EmitOutputDelta(SourceWriter writer)
    {
        writer.Line("/// <summary>δ" + _l + " = (∂a" + _l + "/∂z" + _l + ")ᵀ g for a given g = ∂J/∂a" + _l + ".</summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("internal static void OutputDelta(ref " + T + " state, ref " + T + " outputGradient)"))
        {
            writer.Line("ref " + T + " delta = ref At(ref state, " + NetworkEmitter.DeltaName(_network.Layers.Count) + ");");
            using (writer.Open("for (int k = 0; k < " + _outputs + "; k++)"))
            {
                writer.Line("At(ref delta, k) = At(ref outputGradient, k);");
            }

            writer.Line("ApplyOutputDerivative(ref At(ref state, " + NetworkEmitter.ActivationName(_network.Layers.Count) + "), ref delta);");
        }

        writer.Line();
        writer.Line("/// <summary>δ" + _l + " := (∂a" + _l + "/∂z" + _l + ")ᵀ δ" + _l + ", turning ∂J/∂a" + _l + " into ∂J/∂z" + _l + " in place.</summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("private static void ApplyOutputDerivative(ref " + T + " a, ref " + T + " delta)"))
        {
            if (OutputActivation == Activation.Softmax)
            {
                writer.Line("// softmax Jacobian: δₖ = pₖ(gₖ − Σⱼ pⱼgⱼ)");
                writer.Line(T + " weighted = 0;");
                using (writer.Open("for (int k = 0; k < " + _outputs + "; k++)"))
                {
                    writer.Line("weighted += At(ref a, k) * At(ref delta, k);");
                }

                using (writer.Open("for (int k = 0; k < " + _outputs + "; k++)"))
                {
                    writer.Line("At(ref delta, k) = At(ref a, k) * (At(ref delta, k) - weighted);");
                }
            }
            else if (ActivationEmitter.FunctionName(OutputActivation) is null)
            {
                writer.Line("// the identity: ∂a/∂z = 1, nothing to do");
            }
            else
            {
                ActivationEmitter.EmitDerivative(writer, _type, OutputActivation, "delta", "a", _network.OutputSize);
            }
        }
    }

    private void EmitMeanSquaredError(SourceWriter writer)
    {
        writer.Line("// J = ½‖a" + _l + " − y‖², so ∂J/∂a" + _l + " = a" + _l + " − y");
        writer.Line(T + " sum = 0;");
        using (writer.Open("for (int k = 0; k < " + _outputs + "; k++)"))
        {
            writer.Line(T + " error = At(ref a, k) - At(ref target, k);");
            writer.Line("At(ref delta, k) = error;");
            writer.Line("sum += error * error;");
        }

        writer.Line("ApplyOutputDerivative(ref a, ref delta);");
        writer.Line("return " + _type.Literal(0.5) + " * sum;");
    }

    private void EmitCrossEntropy(SourceWriter writer)
    {
        writer.Line("// J = −Σₖ yₖ log pₖ = (Σₖ yₖ)·log Σⱼ e^zⱼ − Σₖ yₖzₖ, from z so no log of a tiny p is taken");
        if (SumsSoftmaxInOneOrder && !SoftmaxTreeInLoops)
        {
            writer.Line(T + " sum = " + (IsSmallOutput
                ? "ShiftedExponentials(" + ValuesOfZ + ", out " + T + " max, " + string.Join(", ", ExponentialNames.Select(_ => "out _")) + ");"
                : SoftmaxTreeClass + ".SumOfShiftedExponentials(ref z, " + _outputs + ", out " + T + " max);"));
            EmitCrossEntropyDelta(writer, k => "At(ref z, " + k + ")", k => "At(ref a, " + k + ")", k => "At(ref delta, " + k + ")");
            EmitCrossEntropyValue(writer);
            return;
        }

        writer.Line(T + " logSumExp = " + (SoftmaxTreeInLoops
            ? SoftmaxTreeClass + ".LogSumExp(ref z, " + _outputs + ");"
            : "global::NetCompiler.Activations.LogSumExp(global::System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref z, " + _outputs + "));"));
        writer.Line(T + " targetSum = 0;");
        writer.Line(T + " targetDotZ = 0;");
        using (writer.Open("for (int k = 0; k < " + _outputs + "; k++)"))
        {
            writer.Line("targetSum += At(ref target, k);");
            writer.Line("targetDotZ += At(ref target, k) * At(ref z, k);");
        }

        writer.Line("// δ" + _l + " = p·Σy − y, the fused softmax + cross-entropy gradient (p − y for a one-hot y)");
        using (writer.Open("for (int k = 0; k < " + _outputs + "; k++)"))
        {
            writer.Line("At(ref delta, k) = At(ref a, k) * targetSum - At(ref target, k);");
        }

        writer.Line("return targetSum * logSumExp - targetDotZ;");
    }

    /// <summary>
    /// Whether the network has so few outputs (at most four) that they are handled value by value.
    /// Softmax over a few outputs is written out: the exponentials are independent and run side by
    /// side, with no loop or span around them. The same operations, in the same order, as
    /// <c>Activations.Softmax</c> and <c>LogSumExp</c> on so few values.
    /// </summary>
    private bool IsSmallOutput => _network.OutputSize <= 4;

    /// <summary>
    /// Whether the output is a softmax over five or more outputs (a ten-class head, a hundred-class
    /// one), which runs on the runtime's <c>SoftmaxTree</c>: a float one over up to sixteen outputs on two
    /// 256-bit halves (four 128-bit quarters where <c>Vector&lt;T&gt;</c> is 128 bits), a wider or a double one
    /// a vector at a time, its Σ added in a fixed tree that the examples in lanes add too (see
    /// <see cref="SoftmaxTreeSum"/>), so that it has the same bits at every width and in batches.
    /// </summary>
    private bool SoftmaxSumsInTree =>
        OutputActivation == Activation.Softmax && _network.OutputSize >= 5;

    /// <summary>
    /// Whether the tree softmax's loss and examples in lanes loop over the outputs with the runtime's
    /// <c>SoftmaxTree</c> rather than being written out output by output: over more than sixteen float
    /// outputs (a 26-letter head), too many to write out, and over double outputs, for which the runtime
    /// has only that form. The loss takes log Σ e^z from <c>SoftmaxTree.LogSumExp</c> before its loops (a
    /// value the loops add to stays in a register only if no call follows them); the examples in lanes
    /// call <c>SoftmaxLanes</c> and <c>LogSumExpLanes</c>, the same tree a vector per output.
    /// </summary>
    private bool SoftmaxTreeInLoops => SoftmaxSumsInTree && (_network.OutputSize > 16 || _type != NumericType.Single);

    private const string SoftmaxTreeClass = "global::NetCompiler.SoftmaxTree";

    /// <summary>
    /// Whether a softmax output (if it is one) adds Σₖ eₖ in one order at every width, in a form the
    /// examples in lanes repeat: written out over a few outputs, or in <c>SoftmaxTree</c>'s tree.
    /// </summary>
    private bool SumsSoftmaxInOneOrder => IsSmallOutput || SoftmaxSumsInTree;

    /// <summary>"At(ref z, 0), At(ref z, 1), …": the arguments of <c>ShiftedExponentials</c> from zᴸ in memory.</summary>
    private string ValuesOfZ => string.Join(", ", Enumerable.Range(0, _network.OutputSize).Select(k => "At(ref z, " + LayerEmitter.Format(k) + ")"));

    /// <summary>"e0", "e1", … for the outputs' exponentials.</summary>
    private string[] ExponentialNames => Enumerable.Range(0, _network.OutputSize).Select(k => "e" + LayerEmitter.Format(k)).ToArray();

    /// <summary>
    /// <c>ShiftedExponentials(z0, …, out max, out e0, …)</c>, the start that softmax and its loss share:
    /// max z, eₖ = e^(zₖ − max z), returning Σₖ eₖ. Where <c>Vector&lt;T&gt;</c> is a 256-bit vector the
    /// exponentials run on one (<see cref="EmitShiftedExponentialsOnVector"/>; every lane has the scalar
    /// function's bits), so the few outputs share one short chain of vector operations.
    /// </summary>
    private void EmitShiftedExponentials(SourceWriter writer)
    {
        int outputs = _network.OutputSize;
        string[] names = ExponentialNames;
        writer.Line("/// <summary>max z and eₖ = e^(zₖ − max z) for every output; returns Σₖ eₖ.</summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        writer.Line(NetworkEmitter.AggressiveInliningAttribute);
        using (writer.Open("private static " + T + " ShiftedExponentials(" + ValueParameters + ", out " + T + " max, " + string.Join(", ", names.Select(name => "out " + T + " " + name)) + ")"))
        {
            foreach (int bits in SoftmaxVectorBits)
            {
                using (writer.Open("if (" + _type.VectorIsBits(bits) + ")"))
                {
                    writer.Line(T + " sum = " + ShiftedExponentialsOnVectorName + "(" + _type.VectorCreate(bits, outputs, k => "z" + LayerEmitter.Format(k)) + ", out max, out var e);");
                    for (int k = 0; k < outputs; k++)
                    {
                        writer.Line(names[k] + " = e[" + LayerEmitter.Format(k) + "];");
                    }

                    writer.Line("return sum;");
                }
            }

            writer.Line();
            writer.Line("max = " + Maximum(ShiftMaximum, k => "z" + k) + ";");
            for (int k = 0; k < outputs; k++)
            {
                writer.Line(names[k] + " = global::NetCompiler.Activations.Exp(z" + LayerEmitter.Format(k) + " - max);");
            }

            writer.Line("return " + string.Join(" + ", names) + ";");
        }
    }

    private const string ShiftedExponentialsOnVectorName = "ShiftedExponentialsOnVector";

    /// <summary>
    /// <c>ShiftedExponentialsOnVector(z, out max, out e)</c>: <c>ShiftedExponentials</c> on zᴸ in one vector of
    /// <paramref name="bits"/> (from a register, or loaded whole where the last layer stored it so), the eₖ
    /// in one vector too, its padding lanes +0 (e^−∞): zₖ − max z is one vector subtraction, and the
    /// softmax divides all the eₖ at once, one division instead of one per output, which wait on one
    /// divider in turn. The same operations lane by lane as the scalar form at either width, so the same bits.
    /// </summary>
    private void EmitShiftedExponentialsOnVector(SourceWriter writer, int bits)
    {
        string vectorClass = NumericType.VectorClass(bits);
        string vector = _type.VectorOfBits(bits);
        int outputs = _network.OutputSize;
        writer.Line("/// <summary>max z and eₖ = e^(zₖ − max z) for every output, z and e each one " + bits + "-bit vector (e's padding lanes +0, e^−∞); returns Σₖ eₖ.</summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        writer.Line(NetworkEmitter.AggressiveInliningAttribute);
        using (writer.Open("private static " + T + " " + ShiftedExponentialsOnVectorName + "(" + vector + " z, out " + T + " max, out " + vector + " e)"))
        {
            string lanes = LayerEmitter.Format(outputs);
            writer.Line("// max z in every output's lane (lane 0 taken in the order of the other forms)");
            writer.Line("var maxima = global::NetCompiler.VectorMath.MaxOverLanes(z, " + lanes + ");");
            writer.Line("max = " + vectorClass + ".ToScalar(maxima);");
            string negativeInfinity = vectorClass + ".Create(" + T + ".NegativeInfinity)";
            string shifted;
            if (bits == 128)
            {
                // no AVX blend on 128-bit-only hardware: a select by a constant mask
                writer.Line("// zₖ − max z in the outputs' lanes, −∞ in the others");
                string mask = vectorClass + ".AsSingle(" + vectorClass + ".Create(" + string.Join(", ", Enumerable.Range(0, 4).Select(k => k < outputs ? "-1" : "0")) + "))";
                shifted = vectorClass + ".ConditionalSelect(" + mask + ", z - maxima, " + negativeInfinity + ")";
            }
            else
            {
                writer.Line("// zₖ − max z in the outputs' lanes (Avx.Blend takes the lanes whose bit is set from its second argument), −∞ in the others");
                shifted = "global::System.Runtime.Intrinsics.X86.Avx.Blend(" + negativeInfinity + ", z - maxima, " + LayerEmitter.Format((1 << outputs) - 1) + ")";
            }

            writer.Line("e = " + vectorClass + ".AsVector" + bits + "(global::NetCompiler.Activations.ExpOfNonPositive(" + vectorClass + ".AsVector(" + shifted + ")));");
            writer.Line("return global::NetCompiler.VectorMath.SumOfLanes(e, " + lanes + ");");
        }
    }

    /// <summary>"float z0, float z1, …": the outputs' z as parameters.</summary>
    private string ValueParameters => string.Join(", ", Enumerable.Range(0, _network.OutputSize).Select(k => T + " z" + LayerEmitter.Format(k)));

    /// <summary>
    /// The maximum the softmax shift takes, for values and for lanes alike: the CPU's own instruction, as
    /// only which output is largest matters to z − max z (not the sign of a zero or a NaN's path).
    /// </summary>
    private const string ShiftMaximum = "global::NetCompiler.VectorMath.MaxNative";

    /// <summary>max(max(z₀, z₁), z₂) …: the outputs' maximum by a two-argument <paramref name="max"/>, from the first output on.</summary>
    private string Maximum(string max, System.Func<string, string> output)
    {
        string maximum = output("0");
        for (int k = 1; k < _network.OutputSize; k++)
        {
            maximum = max + "(" + maximum + ", " + output(LayerEmitter.Format(k)) + ")";
        }

        return maximum;
    }

    private void EmitBinaryCrossEntropy(SourceWriter writer)
    {
        writer.Line("// J = −Σₖ [yₖ log aₖ + (1 − yₖ) log(1 − aₖ)] = Σₖ [max(zₖ, 0) − zₖyₖ + log(1 + e^−|zₖ|)], stable for any z");
        writer.Line("// δ" + _l + " = a − y, the fused sigmoid + binary cross-entropy gradient");
        writer.Line(T + " sum = 0;");
        using (writer.Open("for (int k = 0; k < " + _outputs + "; k++)"))
        {
            writer.Line(T + " zk = At(ref z, k);");
            writer.Line(T + " yk = At(ref target, k);");
            writer.Line("sum += " + _type.Math + ".Max(zk, 0) - zk * yk + " + _type.Math + ".Log(1 + " + _type.Math + ".Exp(-" + _type.Math + ".Abs(zk)));");
            writer.Line("At(ref delta, k) = At(ref a, k) - yk;");
        }

        writer.Line("return sum;");
    }
}
