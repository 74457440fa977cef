namespace NetCompiler.Generators.Emit;

/// <summary>
/// The vector width of the element-wise training kernels, chosen when the JIT compiles them: those
/// kernels are generic over <c>V</c> (<c>global::NetCompiler.ILanes&lt;V, T&gt;</c>), and a
/// non-generic method of the same name calls them with <c>Lanes512&lt;T&gt;</c> where the CPU has
/// full-speed 512-bit vectors, else with <c>Lanes&lt;T&gt;</c> (<c>Vector&lt;T&gt;</c>). The JIT
/// folds the test and compiles only the width it takes.
/// </summary>
internal static class VectorLanes
{
    public const string TypeArguments = "<V>";

    /// <summary>"where V : struct, global::NetCompiler.ILanes&lt;V, float&gt;".</summary>
    public static string Constraint(NumericType type) => "where V : struct, global::NetCompiler.ILanes<V, " + type.Name + ">";

    /// <summary>
    /// Writes <c>{returnType} {name}({parameters})</c>, which runs <c>{name}&lt;V&gt;({arguments})</c>
    /// on the best vector width for this CPU.
    /// </summary>
    public static void EmitDispatch(SourceWriter writer, NumericType type, string returnType, string name, string parameters, string arguments)
    {
        string call = (returnType == "void" ? string.Empty : "return ") + name + "<global::NetCompiler.Lanes";
        string rest = "<" + type.Name + ">>(" + arguments + ");";
        writer.Line("/// <summary>Runs <see cref=\"" + name + "{V}\"/> on 512-bit vectors where the CPU has them at full speed (AVX-512), else on <see cref=\"global::System.Numerics.Vector{T}\"/>.</summary>");
        writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        using (writer.Open("internal static " + returnType + " " + name + "(" + parameters + ")"))
        {
            using (writer.Open("if (global::NetCompiler.Lanes512<" + type.Name + ">.IsHardwareAccelerated)"))
            {
                writer.Line(call + "512" + rest);
            }

            using (writer.Open("else"))
            {
                writer.Line(call + rest);
            }
        }
    }
}
