using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using NetCompiler.Generators.Model;

namespace NetCompiler.Generators;

/// <summary>
/// The names of the generated files, one per class: its full name and <c>.g.cs</c>. Roslyn tells
/// file names apart ignoring case, as file systems may, so classes whose full names differ only in
/// case (<c>Mnist</c> and <c>MNIST</c>) add the case of their letters to the name. Two distinct
/// classes with the very same full name (partial declarations of different kinds, which the compiler
/// reports) get no file: the name cannot tell them apart, and a second file of one name would stop
/// the generator.
/// </summary>
internal static class HintNames
{
    /// <summary>The full names, among all the classes that get a file, that another full name equals ignoring case (listed once per class).</summary>
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
        int same = clashing.Count(name => name == fullName);
        return same switch
        {
            0 => fullName + ".g.cs",
            1 => fullName + "." + CaseOfLetters(fullName) + ".g.cs",
            _ => null,
        };
    }

    /// <summary>Which characters are upper case, one bit each, first character first, in hexadecimal: differs between any two spellings that differ only in case.</summary>
    private static string CaseOfLetters(string name)
    {
        var hex = new StringBuilder();
        for (int start = 0; start < name.Length; start += 4)
        {
            int digit = 0;
            for (int i = start; i < start + 4; i++)
            {
                digit = (digit << 1) | (i < name.Length && char.IsUpper(name[i]) ? 1 : 0);
            }

            hex.Append("0123456789abcdef"[digit]);
        }

        return hex.ToString();
    }
}
