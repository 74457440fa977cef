using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using NetCompiler.Generators.Model;
using NetCompiler.Shared;

namespace NetCompiler.Generators;

/// <summary>
/// Finds the weights file a network names among the AdditionalFiles, validates it with the
/// runtime's own reader against the network's structure, precision and parameter count, and
/// hands its values to the emitter — or reports NC0020, NC0021 or NC0022 at the Weights argument
/// and hands on the network's stand-in.
/// </summary>
internal static class WeightsResolver
{
    public static ResolvedNetwork Resolve(NetworkRequest request, ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
    {
        NetworkModel model = request.Model;
        WeightsReference? weights = request.Weights;
        if (weights is null)
        {
            return new ResolvedNetwork(new NetworkSource(model, null), null, EquatableArray<DiagnosticInfo>.Empty);
        }

        AdditionalText? file = Find(weights, files);
        if (file is null)
        {
            return Failed(model, DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileMissing, weights.Location, weights.Path));
        }

        string? text = file.GetText(cancellationToken)?.ToString();
        WeightsReadResult result = WeightsFileReader.Read(text, model.Precision, model.ParameterCount, model.Structure);
        if (!result.Succeeded || result.Contents is null)
        {
            bool mismatch = result.Error is WeightsErrorKind.StructureMismatch or WeightsErrorKind.PrecisionMismatch or WeightsErrorKind.ParameterCountMismatch;
            return Failed(model, DiagnosticInfo.Create(
                mismatch ? DiagnosticDescriptors.WeightsFileMismatch : DiagnosticDescriptors.WeightsFileInvalid,
                weights.Location,
                weights.Path,
                result.Message.TrimEnd('.')));
        }

        WeightsFileContents contents = result.Contents;
        double[] values = contents.DoubleValues ?? contents.SingleValues!.Select(value => (double)value).ToArray();
        var embedded = new EmbeddedWeights(weights.Path, WeightsChecksum.Format(contents.Checksum), new EquatableArray<double>(values));
        return new ResolvedNetwork(new NetworkSource(model, embedded), null, EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>
    /// The file the path names: first relative to the folder of the declaring source file, then
    /// any AdditionalFile whose path ends with it (whole segments; the first in ordinal order).
    /// </summary>
    private static AdditionalText? Find(WeightsReference weights, ImmutableArray<AdditionalText> files)
    {
        string wanted = Normalize(weights.Path);
        if (wanted.Length == 0)
        {
            return null;
        }

        string besideSource = Normalize(weights.SourceDirectory + "/" + weights.Path);
        AdditionalText? exact = files.FirstOrDefault(file => Normalize(file.Path) == besideSource);
        return exact ?? files
            .Where(file => Normalize(file.Path) is var path && (path == wanted || path.EndsWith("/" + wanted, System.StringComparison.Ordinal)))
            .OrderBy(file => file.Path, System.StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>Forward slashes, without "." segments and with ".." applied where it can be.</summary>
    private static string Normalize(string path)
    {
        var segments = new System.Collections.Generic.List<string>();
        foreach (string segment in path.Replace('\\', '/').Split('/'))
        {
            if (segment == "." || (segment.Length == 0 && segments.Count > 0))
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0 && segments[segments.Count - 1] is not ".." and not "")
            {
                segments.RemoveAt(segments.Count - 1);
            }
            else
            {
                segments.Add(segment);
            }
        }

        return string.Join("/", segments);
    }

    private static ResolvedNetwork Failed(NetworkModel model, DiagnosticInfo diagnostic) =>
        new(null, model.StandIn, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }));
}
