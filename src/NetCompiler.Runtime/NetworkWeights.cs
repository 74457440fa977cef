using System;
using System.Globalization;
using System.IO;
using System.Text;
using NetCompiler.Shared;

namespace NetCompiler;

/// <summary>
/// Saves and loads a network's parameters as a weights file: versioned text that holds the
/// precision, the parameter count, the layer structure, a CRC-32 checksum and the values exactly
/// (base64 of their little-endian bytes). The format is described in <c>docs/weights-format.md</c>;
/// the same files can be compiled into a program with <c>[Network(Weights = "...")]</c>.
/// </summary>
/// <remarks>
/// <para>Saving to a path writes a temporary file in the same folder, flushes it to disk and then
/// renames it over the target, so a crash, a full disk or an exception never leaves a half-written
/// file and never destroys the previous one.</para>
/// <para>Loading validates the whole file — format, version, structure, precision, parameter count,
/// completeness, encoding, checksum, finiteness — before it writes a single parameter, so on any
/// failure the network is left exactly as it was.</para>
/// <para>The stream overloads neither close nor seek the stream: <c>Save</c> writes from its current
/// position and flushes, <c>Load</c> reads to its end.</para>
/// </remarks>
public static class NetworkWeights
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Saves the parameters of <paramref name="network"/> to the file <paramref name="path"/>, replacing it atomically.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or a parameter is NaN or infinite (nothing is written).</exception>
    /// <exception cref="IOException">The file cannot be written; the previous file, if any, is unchanged.</exception>
    public static void Save<TNetwork>(string path, TNetwork network)
        where TNetwork : INetwork =>
        Save(path, network, wrapFileStream: null);

    /// <summary>Writes the parameters of <paramref name="network"/> as a weights file to <paramref name="stream"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not writable, or a parameter is NaN or infinite (nothing is written).</exception>
    public static void Save<TNetwork>(Stream stream, TNetwork network)
        where TNetwork : INetwork
    {
        ArgumentNullException.ThrowIfNull(stream);
        CheckWritable(stream);
        WeightsPayload payload = Capture(network);
        Write(stream, payload);
    }

    /// <summary>Loads the parameters of <paramref name="network"/> from the weights file <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="network"/> is null.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a weights file, has a newer major version, is for another structure, precision or
    /// parameter count, is truncated or corrupt, or holds a value that is not finite. The message says
    /// which; the network is unchanged.
    /// </exception>
    /// <exception cref="IOException">The file cannot be read; the network is unchanged.</exception>
    public static void Load<TNetwork>(string path, TNetwork network)
        where TNetwork : INetwork
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ParameterTarget target = Target(network);
        string text = ReadText(path);
        Apply(text, target, path);
    }

    /// <summary>Loads the parameters of <paramref name="network"/> from a weights file read from <paramref name="stream"/> to its end.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="InvalidDataException">The weights are wrong, truncated or corrupt (see <see cref="Load{TNetwork}(string, TNetwork)"/>); the network is unchanged.</exception>
    public static void Load<TNetwork>(Stream stream, TNetwork network)
        where TNetwork : INetwork
    {
        ArgumentNullException.ThrowIfNull(stream);
        CheckReadable(stream);
        ParameterTarget target = Target(network);
        Apply(ReadText(stream), target, path: null);
    }

    /// <summary>Saves the parameters of <paramref name="interpreter"/> (precision Double) to the file <paramref name="path"/>, replacing it atomically.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="interpreter"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or a parameter is NaN or infinite (nothing is written).</exception>
    /// <exception cref="IOException">The file cannot be written; the previous file, if any, is unchanged.</exception>
    public static void Save(string path, ReferenceInterpreter interpreter) =>
        Save(path, interpreter, wrapFileStream: null);

    /// <summary>Writes the parameters of <paramref name="interpreter"/> (precision Double) as a weights file to <paramref name="stream"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="interpreter"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not writable, or a parameter is NaN or infinite (nothing is written).</exception>
    public static void Save(Stream stream, ReferenceInterpreter interpreter)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CheckWritable(stream);
        WeightsPayload payload = Capture(interpreter);
        Write(stream, payload);
    }

    /// <summary>Loads the parameters of <paramref name="interpreter"/> from the weights file <paramref name="path"/>, which must have precision Double.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="interpreter"/> is null.</exception>
    /// <exception cref="InvalidDataException">The weights are wrong, truncated or corrupt (see <see cref="Load{TNetwork}(string, TNetwork)"/>); the interpreter is unchanged.</exception>
    /// <exception cref="IOException">The file cannot be read; the interpreter is unchanged.</exception>
    public static void Load(string path, ReferenceInterpreter interpreter)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ParameterTarget target = Target(interpreter);
        string text = ReadText(path);
        Apply(text, target, path);
    }

    /// <summary>Loads the parameters of <paramref name="interpreter"/> from a weights file (precision Double) read from <paramref name="stream"/> to its end.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="interpreter"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="InvalidDataException">The weights are wrong, truncated or corrupt; the interpreter is unchanged.</exception>
    public static void Load(Stream stream, ReferenceInterpreter interpreter)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CheckReadable(stream);
        ParameterTarget target = Target(interpreter);
        Apply(ReadText(stream), target, path: null);
    }

    /// <summary>
    /// <see cref="Save{TNetwork}(string, TNetwork)"/>, with the temporary file's stream passed through
    /// <paramref name="wrapFileStream"/> (tests use it to make the write fail part way).
    /// </summary>
    internal static void Save<TNetwork>(string path, TNetwork network, Func<Stream, Stream>? wrapFileStream)
        where TNetwork : INetwork
    {
        CheckPath(path);
        WeightsPayload payload = Capture(network);
        WriteFileAtomically(path, payload, wrapFileStream);
    }

    /// <summary>The <see cref="ReferenceInterpreter"/> form of <see cref="Save{TNetwork}(string, TNetwork, Func{Stream, Stream}?)"/>.</summary>
    internal static void Save(string path, ReferenceInterpreter interpreter, Func<Stream, Stream>? wrapFileStream)
    {
        CheckPath(path);
        WeightsPayload payload = Capture(interpreter);
        WriteFileAtomically(path, payload, wrapFileStream);
    }

    private static void CheckPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrEmpty(path);
    }

    private static void CheckWritable(Stream stream)
    {
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream is not writable.", nameof(stream));
        }
    }

    private static void CheckReadable(Stream stream)
    {
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream is not readable.", nameof(stream));
        }
    }

    private static WeightsPayload Capture<TNetwork>(TNetwork network)
        where TNetwork : INetwork
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        NetworkSpec spec = TNetwork.Spec;
        WeightsPayload payload = network switch
        {
            INetwork<float> single => new WeightsPayload(spec.Structure, null, single.Parameters.ToArray()),
            INetwork<double> @double => new WeightsPayload(spec.Structure, @double.Parameters.ToArray(), null),
            _ => throw UnsupportedPrecision(network.GetType()),
        };
        CheckPayload(payload, spec, nameof(network));
        return payload;
    }

    private static WeightsPayload Capture(ReferenceInterpreter interpreter)
    {
        ArgumentNullException.ThrowIfNull(interpreter);
        var payload = new WeightsPayload(interpreter.Spec.Structure, interpreter.Parameters.ToArray(), null);
        CheckPayload(payload, interpreter.Spec, nameof(interpreter));
        return payload;
    }

    private static void CheckPayload(WeightsPayload payload, NetworkSpec spec, string parameterName)
    {
        if (payload.Count != spec.ParameterCount)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "The network has {0} parameters, but its spec says {1}.", payload.Count, spec.ParameterCount),
                parameterName);
        }

        for (int i = 0; i < payload.Count; i++)
        {
            bool finite = payload.Doubles is { } doubles ? double.IsFinite(doubles[i]) : float.IsFinite(payload.Singles![i]);
            if (!finite)
            {
                object value = payload.Doubles is { } d ? d[i] : payload.Singles![i];
                throw new ArgumentException(
                    string.Format(CultureInfo.InvariantCulture, "Parameter {0} of the network is {1}; only finite weights can be saved (did training diverge?).", i, value),
                    parameterName);
            }
        }
    }

    private static ParameterTarget Target<TNetwork>(TNetwork network)
        where TNetwork : INetwork
    {
        if (network is null)
        {
            throw new ArgumentNullException(nameof(network));
        }

        NetworkSpec spec = TNetwork.Spec;
        ParameterTarget target = network switch
        {
            INetwork<float> => new ParameterTarget(spec, Precision.Single, network, null),
            INetwork<double> => new ParameterTarget(spec, Precision.Double, network, null),
            _ => throw UnsupportedPrecision(network.GetType()),
        };
        target.CheckLength(nameof(network));
        return target;
    }

    private static ParameterTarget Target(ReferenceInterpreter interpreter)
    {
        ArgumentNullException.ThrowIfNull(interpreter);
        var target = new ParameterTarget(interpreter.Spec, Precision.Double, null, interpreter);
        target.CheckLength(nameof(interpreter));
        return target;
    }

    private static ArgumentException UnsupportedPrecision(Type type) =>
        new(string.Format(CultureInfo.InvariantCulture, "{0} implements neither INetwork<float> nor INetwork<double>; weights files hold Single or Double values.", type), "network");

    private static void Write(Stream stream, WeightsPayload payload)
    {
        using var writer = new StreamWriter(stream, Utf8, bufferSize: 1 << 16, leaveOpen: true);
        if (payload.Doubles is { } doubles)
        {
            WeightsFileWriter.Write(writer, payload.Structure, doubles);
        }
        else
        {
            WeightsFileWriter.Write(writer, payload.Structure, payload.Singles!);
        }

        writer.Flush();
    }

    private static void WriteFileAtomically(string path, WeightsPayload payload, Func<Stream, Stream>? wrapFileStream)
    {
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException("The path names no file.", nameof(path));
        string name = Path.GetFileName(fullPath);
        if (name.Length == 0)
        {
            throw new ArgumentException("The path names a folder, not a file.", nameof(path));
        }

        string temporary = Path.Combine(directory, "." + name + "." + Guid.NewGuid().ToString("N")[..12] + ".tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                Stream target = wrapFileStream is null ? file : wrapFileStream(file);
                Write(target, payload);
                target.Flush();
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original exception is the one that matters.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string ReadText(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        return ReadText(file);
    }

    private static string ReadText(Stream stream)
    {
        using var reader = new StreamReader(stream, Utf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        return reader.ReadToEnd();
    }

    private static void Apply(string text, ParameterTarget target, string? path)
    {
        WeightsReadResult result = WeightsFileReader.Read(text, target.Precision, target.Spec.ParameterCount, target.Spec.Structure);
        if (!result.Succeeded)
        {
            string where = path is null ? "Cannot load weights: " : "Cannot load weights from '" + path + "': ";
            throw new InvalidDataException(where + result.Message);
        }

        // Everything is checked: only now is the network written.
        WeightsFileContents contents = result.Contents!;
        target.Copy(contents);
    }

    private sealed class WeightsPayload
    {
        public WeightsPayload(string structure, double[]? doubles, float[]? singles)
        {
            Structure = structure;
            Doubles = doubles;
            Singles = singles;
        }

        public string Structure { get; }

        public double[]? Doubles { get; }

        public float[]? Singles { get; }

        public int Count => Doubles?.Length ?? Singles!.Length;
    }

    /// <summary>Where loaded values go: a generated network (float or double) or an interpreter.</summary>
    private sealed class ParameterTarget
    {
        private readonly INetwork? _network;
        private readonly ReferenceInterpreter? _interpreter;

        public ParameterTarget(NetworkSpec spec, Precision precision, INetwork? network, ReferenceInterpreter? interpreter)
        {
            Spec = spec;
            Precision = precision;
            _network = network;
            _interpreter = interpreter;
        }

        public NetworkSpec Spec { get; }

        public Precision Precision { get; }

        private int Length => _interpreter is not null
            ? _interpreter.Parameters.Length
            : _network is INetwork<float> single ? single.Parameters.Length : ((INetwork<double>)_network!).Parameters.Length;

        public void CheckLength(string parameterName)
        {
            if (Length != Spec.ParameterCount)
            {
                throw new ArgumentException(
                    string.Format(CultureInfo.InvariantCulture, "The network has {0} parameters, but its spec says {1}.", Length, Spec.ParameterCount),
                    parameterName);
            }
        }

        public void Copy(WeightsFileContents contents)
        {
            if (_interpreter is not null)
            {
                contents.DoubleValues!.AsSpan().CopyTo(_interpreter.Parameters);
            }
            else if (_network is INetwork<float> single)
            {
                contents.SingleValues!.AsSpan().CopyTo(single.Parameters);
            }
            else
            {
                contents.DoubleValues!.AsSpan().CopyTo(((INetwork<double>)_network!).Parameters);
            }
        }
    }
}
