using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetCompiler.Generators.Model;

namespace NetCompiler.Generators;

/// <summary>
/// The names of the generated files, one per class: its full name and <c>.g.cs</c>. Roslyn tells
/// file names apart ignoring case, as file systems may, so classes whose full names differ only in
/// case (<c>Mnist</c> and <c>MNIST</c>) add their place among those names in ordinal order
/// (<c>MNIST.1.g.cs</c>, <c>Mnist.2.g.cs</c>; no type can be named with a digit first, so no other
/// class has such a name). Two distinct classes with the very same full name (partial declarations
/// of different kinds, which the compiler reports) get no file: the name cannot tell them apart, and
/// a second file of one name would stop the generator.
/// </summary>
internal static class HintNames
{
    /// <summary>The full names, among all the classes that get a file, that another full name equals ignoring case (once per class, in ordinal order).</summary>
    public static EquatableArray<string> Clashing(IEnumerable<string> fullNames) =>
        fullNames
            .GroupBy(name => name, StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Count() > 1)
            .SelectMany(group => group)
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToEquatableArray();

    /// <summary>The file name of <paramref name="fullName"/>, or null where another class has the very same full name.</summary>
    public static string? For(string fullName, EquatableArray<string> clashing)
    {
        string[] alike = clashing.Where(name => string.Equals(name, fullName, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (alike.Length == 0)
        {
            return fullName + ".g.cs";
        }

        return alike.Count(name => name == fullName) > 1
            ? null
            : fullName + "." + (Array.IndexOf(alike, fullName) + 1).ToString(CultureInfo.InvariantCulture) + ".g.cs";
    }
}
