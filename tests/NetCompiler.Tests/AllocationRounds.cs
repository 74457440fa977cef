using System;
using System.Collections.Generic;

namespace NetCompiler.Tests;

/// <summary>The zero-allocation check the allocation tests share: rounds of hot calls measured on the test thread.</summary>
internal static class AllocationRounds
{
    /// <summary>
    /// Runs <paramref name="hotCalls"/> in rounds of <paramref name="callsPerRound"/>, up to three, and asserts that the
    /// last round allocated nothing. An allocation of the hot calls shows in every round; the runtime itself once
    /// allocated a few kilobytes on this thread in one round (tiered compilation installing optimised code, delayed on a
    /// loaded machine), which the next round does not repeat.
    /// </summary>
    public static void AssertLastAllocatesNothing(Action hotCalls, int callsPerRound = 1000)
    {
        var rounds = new List<long>();
        do
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < callsPerRound; i++)
            {
                hotCalls();
            }

            rounds.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }
        while (rounds[^1] != 0 && rounds.Count < 3);

        Assert.True(rounds[^1] == 0, $"bytes allocated per round of {callsPerRound}: " + string.Join(", ", rounds));
    }
}
