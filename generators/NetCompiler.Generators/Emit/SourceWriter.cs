using System;
using System.Text;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// Writes indented C# text with "\n" line ends, so generated files are byte-for-byte
/// the same on every machine.
/// </summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public SourceWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>Writes every line of <paramref name="block"/> at the current indentation.</summary>
    public SourceWriter Lines(string block)
    {
        foreach (string line in block.Replace("\r\n", "\n").TrimEnd('\n').Split('\n'))
        {
            Line(line);
        }

        return this;
    }

    /// <summary>Opens a brace block under <paramref name="header"/> (a bare block when empty); dispose the result to close it.</summary>
    public Block Open(string header)
    {
        if (header.Length > 0)
        {
            Line(header);
        }

        Line("{");
        _indent++;
        return new Block(this);
    }

    public override string ToString() => _text.ToString();

    private void Close(string closer)
    {
        _indent--;
        Line(closer);
    }

    public readonly struct Block : IDisposable
    {
        private readonly SourceWriter _writer;

        public Block(SourceWriter writer)
        {
            _writer = writer;
        }

        public void Dispose() => _writer.Close("}");
    }
}
