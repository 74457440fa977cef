using Microsoft.CodeAnalysis.Text;

namespace NetCompiler.Generators.Tests;

/// <summary>
/// C# source with one span marked «like this»: the place a diagnostic is expected. The markers
/// are removed from <see cref="Text"/>.
/// </summary>
internal sealed record MarkedSource(string Text, TextSpan Span)
{
    private const char Open = '«';
    private const char Close = '»';

    public string MarkedText => Text.Substring(Span.Start, Span.Length);

    public static MarkedSource Parse(string marked)
    {
        int start = marked.IndexOf(Open);
        int end = marked.IndexOf(Close);
        if (start < 0 || end < start || marked.IndexOf(Open, start + 1) >= 0 || marked.IndexOf(Close, end + 1) >= 0)
        {
            throw new System.ArgumentException("Mark exactly one span with « and ».", nameof(marked));
        }

        string text = marked.Remove(end, 1).Remove(start, 1);
        return new MarkedSource(text, TextSpan.FromBounds(start, end - 1));
    }
}
