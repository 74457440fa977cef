using NetCompiler.Shared;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// Writes the loops that apply an activation a = f(z), and its derivative δ ⊙= f′(z), with
/// <c>Vector&lt;T&gt;</c>. Regions are padded to whole vectors, so the vector loop covers the
/// whole layer on every current machine.
/// </summary>
internal static class ActivationEmitter
{
    /// <summary>The name of the runtime function for <paramref name="activation"/>, or null for the identity.</summary>
    public static string? FunctionName(Activation activation) =>
        activation switch
        {
            Activation.Sigmoid => "Sigmoid",
            Activation.Tanh => "Tanh",
            Activation.ReLU => "ReLU",
            Activation.LeakyReLU => "LeakyReLU",
            Activation.Step => "Step",
            _ => null,
        };

    /// <summary>
    /// The runtime function for f′ computed from the activation a, or null where nothing is to be
    /// done: the identity (f′ = 1), and Step, whose networks have no backward pass.
    /// </summary>
    public static string? DerivativeFromOutputName(Activation activation) =>
        activation == Activation.Step || FunctionName(activation) is not { } function
            ? null
            : "global::NetCompiler.Activations." + function + "DerivativeFromOutput";

    /// <summary>The lecture's formula for f′ in terms of the activation a, for comments.</summary>
    public static string DerivativeFormula(Activation activation) =>
        activation switch
        {
            Activation.Sigmoid => "σ′(z) = a(1 − a)",
            Activation.Tanh => "tanh′(z) = 1 − a²",
            Activation.ReLU => "ReLU′(z) = 1 if a > 0, else 0",
            Activation.LeakyReLU => "LeakyReLU′(z) = 1 if a > 0, else 0.01",
            _ => "f′(z) = 1",
        };

    /// <summary>
    /// <c>destination := f(source)</c> over <paramref name="length"/> values, vectorised over the
    /// padded length. Source and destination may be the same region; nothing is written for the
    /// identity in place. Softmax is not elementwise and is handled by the loss emitter.
    /// </summary>
    public static void EmitElementwise(SourceWriter writer, NumericType type, Activation activation, string source, string destination, int length)
    {
        string? function = FunctionName(activation);
        if (function is null && source == destination)
        {
            return;
        }

        string Apply(string value) => function is null ? value : "global::NetCompiler.Activations." + function + "(" + value + ")";
        writer.Line("// a = " + (function is null ? "z" : function + "(z)"));
        EmitLoop(
            writer,
            type,
            length,
            "Store(" + Apply("Load(ref " + source + ", j)") + ", ref " + destination + ", j);",
            "At(ref " + destination + ", j) = " + Apply("At(ref " + source + ", j)") + ";");
    }

    /// <summary>
    /// δ := δ ⊙ f′(z), with f′ computed from the stored activation a. Nothing for the identity.
    /// <paramref name="arrivesAsVector"/>: a small layer's δ was stored as one 256-bit vector where
    /// <c>Vector&lt;T&gt;</c> is one.
    /// </summary>
    public static void EmitDerivative(SourceWriter writer, NumericType type, Activation activation, string delta, string activations, int length, bool arrivesAsVector = false)
    {
        string? derivative = DerivativeFromOutputName(activation);
        if (derivative is null)
        {
            return;
        }

        if (length <= type.Vector256Lanes)
        {
            if (arrivesAsVector)
            {
                writer.Line("// δ ⊙= f′(z), " + DerivativeFormula(activation) + ", on the one vector δ arrived as, else value by value");
                using (writer.Open("if (" + type.VectorIs256Bits + ")"))
                {
                    writer.Line("Store(Load(ref " + delta + ", 0) * " + derivative + "(Load(ref " + activations + ", 0)), ref " + delta + ", 0);");
                }

                using (writer.Open("else"))
                {
                    EmitDerivativeValues(writer, derivative, delta, activations, length);
                }

                return;
            }

            // A small layer's δ was just stored value by value; a vector load over those stores would wait for them.
            writer.Line("// δ ⊙= f′(z), " + DerivativeFormula(activation) + ", value by value");
            EmitDerivativeValues(writer, derivative, delta, activations, length);
            return;
        }

        writer.Line("// δ ⊙= f′(z), " + DerivativeFormula(activation));
        EmitLoop(
            writer,
            type,
            length,
            "Store(Load(ref " + delta + ", j) * " + derivative + "(Load(ref " + activations + ", j)), ref " + delta + ", j);",
            "At(ref " + delta + ", j) *= " + derivative + "(At(ref " + activations + ", j));");
    }

    /// <summary>
    /// <see cref="EmitDerivative"/> on a layer's δ and a at <paramref name="deltaOffset"/> and
    /// <paramref name="activationOffset"/> in <paramref name="origin"/>, through the locals <c>delta</c> and <c>a</c>.
    /// </summary>
    public static void EmitDerivativeAt(SourceWriter writer, NumericType type, Activation activation, string origin, string deltaOffset, string activationOffset, int length, bool arrivesAsVector = false)
    {
        writer.Line("ref " + type.Name + " delta = ref At(ref " + origin + ", " + deltaOffset + ");");
        writer.Line("ref " + type.Name + " a = ref At(ref " + origin + ", " + activationOffset + ");");
        EmitDerivative(writer, type, activation, "delta", "a", length, arrivesAsVector);
    }

    private static void EmitDerivativeValues(SourceWriter writer, string derivative, string delta, string activations, int length)
    {
        for (int j = 0; j < length; j++)
        {
            string index = LayerEmitter.Format(j);
            writer.Line("At(ref " + delta + ", " + index + ") *= " + derivative + "(At(ref " + activations + ", " + index + "));");
        }
    }

    /// <summary>
    /// A vector loop over the first <paramref name="length"/> values (the last vector may run into
    /// the padding), then a scalar loop that only runs were a vector ever wider than the padding.
    /// Each loop sits in its own block, so several can share a method.
    /// </summary>
    private static void EmitLoop(SourceWriter writer, NumericType type, int length, string vectorBody, string scalarBody)
    {
        string padded = LayerEmitter.Format(StateLayout.Padded(length));
        string count = type.Vector + ".Count";
        using (writer.Open(string.Empty))
        {
            writer.Line("int j = 0;");
            using (writer.Open("for (; j < " + LayerEmitter.Format(length) + " && j + " + count + " <= " + padded + "; j += " + count + ")"))
            {
                writer.Line(vectorBody);
            }

            using (writer.Open("for (; j < " + LayerEmitter.Format(length) + "; j++)"))
            {
                writer.Line(scalarBody);
            }
        }
    }
}
