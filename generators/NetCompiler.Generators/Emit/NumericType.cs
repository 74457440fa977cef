using System;
using System.Globalization;
using System.Linq;

namespace NetCompiler.Generators.Emit;

/// <summary>How the element type T of a network is spelled in generated code.</summary>
internal sealed class NumericType
{
    public static readonly NumericType Single = new("float", "global::System.MathF", "f", "single");
    public static readonly NumericType Double = new("double", "global::System.Math", "d", "double");

    private readonly string _suffix;

    private NumericType(string name, string math, string suffix, string precisionWord)
    {
        Name = name;
        Math = math;
        _suffix = suffix;
        PrecisionWord = precisionWord;
        Vector = "global::System.Numerics.Vector<" + name + ">";
    }

    /// <summary>"float" or "double".</summary>
    public string Name { get; }

    /// <summary>The class with the scalar maths functions for T.</summary>
    public string Math { get; }

    /// <summary>"global::System.Numerics.Vector&lt;float&gt;".</summary>
    public string Vector { get; }

    /// <summary>"global::System.ReadOnlySpan&lt;float&gt;".</summary>
    public string ReadOnlySpan => "global::System.ReadOnlySpan<" + Name + ">";

    /// <summary>"global::System.Span&lt;float&gt;".</summary>
    public string Span => "global::System.Span<" + Name + ">";

    /// <summary>Bytes per value: 4 or 8.</summary>
    public int Size => _suffix == "f" ? 4 : 8;

    /// <summary>How many values of T a 256-bit vector holds: 8 floats or 4 doubles.</summary>
    public int Vector256Lanes => _suffix == "f" ? 8 : 4;

    /// <summary>The static class of 256-bit vector operations, fully qualified.</summary>
    public const string Vector256Class = "global::System.Runtime.Intrinsics.Vector256";

    /// <summary>"global::System.Runtime.Intrinsics.Vector256&lt;float&gt;".</summary>
    public string Vector256 => Vector256Class + "<" + Name + ">";

    /// <summary>The test that <c>Vector&lt;T&gt;</c> is a 256-bit vector, for the paths written for one.</summary>
    public string VectorIs256Bits => Vector + ".Count == " + Vector256Lanes.ToString(CultureInfo.InvariantCulture);

    /// <summary>How many values of T a 128-bit vector holds: 4 floats or 2 doubles.</summary>
    public int Vector128Lanes => Vector256Lanes / 2;

    /// <summary>The static class of 128-bit vector operations, fully qualified.</summary>
    public const string Vector128Class = "global::System.Runtime.Intrinsics.Vector128";

    /// <summary>"global::System.Runtime.Intrinsics.Vector128&lt;float&gt;".</summary>
    public string Vector128 => Vector128Class + "<" + Name + ">";

    /// <summary>The static class of vector operations of <paramref name="bits"/> (128 or 256), fully qualified.</summary>
    public static string VectorClass(int bits) => bits == 128 ? Vector128Class : Vector256Class;

    /// <summary>The vector type of <paramref name="bits"/> (128 or 256): "global::System.Runtime.Intrinsics.Vector256&lt;float&gt;".</summary>
    public string VectorOfBits(int bits) => bits == 128 ? Vector128 : Vector256;

    /// <summary>The test that <c>Vector&lt;T&gt;</c> is <paramref name="bits"/> (128 or 256) wide.</summary>
    public string VectorIsBits(int bits) => bits == 128 ? VectorIs128Bits : VectorIs256Bits;

    /// <summary><see cref="Vector128Create"/> or <see cref="Vector256Create"/> by <paramref name="bits"/>.</summary>
    public string VectorCreate(int bits, int count, Func<int, string> lane) => bits == 128 ? Vector128Create(count, lane) : Vector256Create(count, lane);

    /// <summary>The test that <c>Vector&lt;T&gt;</c> is a 128-bit vector (ARM64, x64 without AVX2), for the paths written for one.</summary>
    public string VectorIs128Bits => Vector + ".Count == " + Vector128Lanes.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>Vector128.Create(…)</c> of the first <paramref name="count"/> lanes given by <paramref name="lane"/>
    /// (an expression per lane index), the other lanes 0.
    /// </summary>
    public string Vector128Create(int count, Func<int, string> lane) => Create(Vector128Class, Vector128Lanes, count, lane);

    /// <summary>
    /// <c>Vector256.Create(…)</c> of the first <paramref name="count"/> lanes given by <paramref name="lane"/>
    /// (an expression per lane index), the other lanes 0.
    /// </summary>
    public string Vector256Create(int count, Func<int, string> lane) => Create(Vector256Class, Vector256Lanes, count, lane);

    private string Create(string vectorClass, int lanes, int count, Func<int, string> lane) =>
        vectorClass + ".Create(" + string.Join(", ", Enumerable.Range(0, lanes).Select(i => i < count ? lane(i) : Literal(0))) + ")";

    /// <summary>"single" or "double", for prose.</summary>
    public string PrecisionWord { get; }

    public static NumericType For(Precision precision) => precision == Precision.Double ? Double : Single;

    /// <summary>
    /// A literal of T with its suffix that reads back as exactly <paramref name="value"/> (rounded
    /// to T): the shortest "R" form where it round-trips, else "G9" / "G17", which always do.
    /// </summary>
    public string Literal(double value)
    {
        if (_suffix == "f")
        {
            float single = (float)value;
            string shortest = single.ToString("R", CultureInfo.InvariantCulture);
            bool exact = float.TryParse(shortest, NumberStyles.Float, CultureInfo.InvariantCulture, out float parsed) && parsed.Equals(single);
            return (exact ? shortest : single.ToString("G9", CultureInfo.InvariantCulture)) + _suffix;
        }

        string text = value.ToString("R", CultureInfo.InvariantCulture);
        bool roundTrips = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double back) && back.Equals(value);
        return (roundTrips ? text : value.ToString("G17", CultureInfo.InvariantCulture)) + _suffix;
    }
}
