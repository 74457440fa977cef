using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace NetCompiler;

/// <summary>
/// Argument checks and exceptions shared by generated networks. Public only because generated
/// code lives in the user's assembly; not meant to be called directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedCodeSupport
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the parameter and both lengths unless they match.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckLength(int actual, int expected, string parameterName)
    {
        if (actual != expected)
        {
            ThrowLengthMismatch(actual, expected, parameterName);
        }
    }

    /// <summary>Like <see cref="CheckLength"/>, but an empty span is also accepted (it means "not wanted").</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckOptionalLength(int actual, int expected, string parameterName)
    {
        if (actual != 0 && actual != expected)
        {
            ThrowLengthMismatch(actual, expected, parameterName, " (or 0, for none)");
        }
    }

    /// <summary>Checks that a batch span holds exactly <paramref name="count"/> × <paramref name="size"/> values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckBatchLength(int actual, int count, int size, string parameterName)
    {
        if (actual != (long)count * size)
        {
            ThrowBatchLengthMismatch(actual, count, size, parameterName);
        }
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a negative example count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckCount(int count, string parameterName)
    {
        if (count < 0)
        {
            ThrowNegativeCount(count, parameterName);
        }
    }

    /// <summary>The exception the training members of a network with a Step layer throw.</summary>
    public static NotSupportedException CannotTrain(string networkName) =>
        new(string.Format(
            CultureInfo.InvariantCulture,
            "{0} has a Step layer, whose derivative is zero wherever it exists, so it cannot be trained by backpropagation; only Forward and Infer are available.",
            networkName));

    /// <summary>
    /// The exception every member of a stand-in throws: the class the generator writes for a network
    /// whose declaration has errors, so that the code using it reports no errors of its own. A build
    /// with those errors fails, so this is met only where an NC error has been configured away.
    /// </summary>
    public static InvalidOperationException DeclarationHasErrors(string networkName) =>
        new(string.Format(
            CultureInfo.InvariantCulture,
            "The network {0} is declared with errors (reported at its attributes at compile time), so it has no code; fix the declaration and rebuild.",
            networkName));

    [DoesNotReturn]
    private static void ThrowLengthMismatch(int actual, int expected, string parameterName, string alternative = "") =>
        throw new ArgumentException(
            string.Format(CultureInfo.InvariantCulture, "Expected a span of {0} values{1}, but '{2}' has {3}.", expected, alternative, parameterName, actual),
            parameterName);

    [DoesNotReturn]
    private static void ThrowBatchLengthMismatch(int actual, int count, int size, string parameterName) =>
        throw new ArgumentException(
            string.Format(
                CultureInfo.InvariantCulture,
                "Expected a span of {0} values ({1} examples × {2}), but '{3}' has {4}.",
                (long)count * size,
                count,
                size,
                parameterName,
                actual),
            parameterName);

    [DoesNotReturn]
    private static void ThrowNegativeCount(int count, string parameterName) =>
        throw new ArgumentOutOfRangeException(parameterName, count, "The number of examples cannot be negative.");
}
