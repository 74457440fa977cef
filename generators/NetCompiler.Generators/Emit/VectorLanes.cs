namespace NetCompiler.Generators.Emit;

/// <summary>
/// The vector width of the training kernels of large dense layers (∇W += δaᵀ, dJ/da += δⱼWⱼ and
/// their batch forms), chosen when the JIT compiles them: those kernels, and the passes that call them, are generic over a vector type <c>TVector</c> and its
/// operations <c>V</c> (<c>global::NetCompiler.ILanes&lt;TVector, T&gt;</c>), and a non-generic
/// method of the same name calls them with <c>Vector512&lt;T&gt;</c> and <c>Lanes512&lt;T&gt;</c>
/// where the CPU has full-speed 512-bit vectors, else with <c>Vector&lt;T&gt;</c> and
/// <c>Lanes&lt;T&gt;</c>. The JIT folds the test and compiles only the width it takes.
/// </summary>
internal static class VectorLanes
{
    /// <summary>The vector type and its operations, as a generic kernel names them.</summary>
    public const string TypeArguments = "<TVector, V>";

    /// <summary>
    /// The vector type and its operations for the training kernels of one large dense layer: the
    /// caller's (<c>TVector, V</c>) where the layer's rows are a whole number of 512-bit vectors,
    /// else always <c>Vector&lt;T&gt;</c>, whose narrower vectors leave fewer of a row's values to the
    /// kernels' scalar loop. Measured on the Zen 4 core, 32 rows, one example (benchmarks/HISTORY.md,
    /// thirtieth run): rows of 10, 12, 24, 40 and 72 took 1.4–1.9× as long to accumulate ∇W on 512
    /// bits as on 256 and 1.5–2.7× as long to step from δaᵀ; rows of 16 and 32 ran as fast or faster.
    /// Every kernel of a layer takes the same width, so a batch keeps the bits of one example at a time.
    /// </summary>
    public static string ForRowsOf(int inputs, NumericType type) =>
        TakesCallersWidth(inputs, type) ? "TVector, V" : type.Vector + ", global::NetCompiler.Lanes<" + type.Name + ">";

    /// <summary>Whether a large layer with rows of <paramref name="inputs"/> values runs its training kernels at the caller's width: rows of whole 512-bit vectors.</summary>
    public static bool TakesCallersWidth(int inputs, NumericType type) => inputs % (2 * type.Vector256Lanes) == 0;

    /// <summary>"where TVector : struct where V : struct, global::NetCompiler.ILanes&lt;TVector, float&gt;".</summary>
    public static string Constraint(NumericType type) => "where TVector : struct where V : struct, global::NetCompiler.ILanes<TVector, " + type.Name + ">";

    /// <summary><see cref="TypeArguments"/> after the name of a method that is <paramref name="generic"/>, else nothing.</summary>
    public static string ArgumentsIf(bool generic) => generic ? TypeArguments : string.Empty;

    /// <summary>" " and <see cref="Constraint"/> after the parameters of a method that is <paramref name="generic"/>, else nothing.</summary>
    public static string ConstraintIf(bool generic, NumericType type) => generic ? " " + Constraint(type) : string.Empty;

    /// <summary>
    /// Writes <c>{returnType} {name}({parameters})</c>, which runs <c>{name}&lt;TVector, V&gt;({arguments})</c>
    /// on the best vector width for this CPU, or, unless <paramref name="wide"/> (the network's layers
    /// are too small to fill 512-bit vectors), always on <c>Vector&lt;T&gt;</c>.
    /// </summary>
    public static void EmitDispatch(SourceWriter writer, NumericType type, string returnType, string name, string parameters, string arguments, bool wide = true)
    {
        string call = (returnType == "void" ? string.Empty : "return ") + name;
        string wideCall = call + "<global::System.Runtime.Intrinsics.Vector512<" + type.Name + ">, global::NetCompiler.Lanes512<" + type.Name + ">>(" + arguments + ");";
        string narrowCall = call + "<" + type.Vector + ", global::NetCompiler.Lanes<" + type.Name + ">>(" + arguments + ");";
        writer.Line(wide
            ? "/// <summary>Runs <see cref=\"" + name + "{TVector, V}\"/> on 512-bit vectors where the CPU has them at full speed (AVX-512), else on <see cref=\"global::System.Numerics.Vector{T}\"/>.</summary>"
            : "/// <summary>Runs <see cref=\"" + name + "{TVector, V}\"/> on <see cref=\"global::System.Numerics.Vector{T}\"/>: the layers are too small for wider vectors.</summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("internal static " + returnType + " " + name + "(" + parameters + ")"))
        {
            if (!wide)
            {
                writer.Line(narrowCall);
                return;
            }

            using (writer.Open("if (global::NetCompiler.Lanes512<" + type.Name + ">.IsHardwareAccelerated)"))
            {
                writer.Line(wideCall);
            }

            using (writer.Open("else"))
            {
                writer.Line(narrowCall);
            }
        }
    }
}
