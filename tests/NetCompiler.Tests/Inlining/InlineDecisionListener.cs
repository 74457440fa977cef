using System.Collections.Generic;
using System.Diagnostics.Tracing;

namespace NetCompiler.Tests.Inlining;

/// <summary>
/// Collects the JIT's inlining decisions from the runtime's own event source (its JIT-tracing
/// events, MethodJitInliningSucceeded and MethodJitInliningFailed) while it is alive.
/// </summary>
public sealed class InlineDecisionListener : EventListener
{
    private const string RuntimeEventSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords JitTracingKeyword = (EventKeywords)0x1000;

    private readonly List<InlineDecision> _decisions = new();

    /// <summary>Every decision so far, in the order the JIT reported them.</summary>
    public IReadOnlyList<InlineDecision> Decisions
    {
        get
        {
            lock (_decisions)
            {
                return _decisions.ToArray();
            }
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeEventSource)
        {
            EnableEvents(eventSource, EventLevel.Verbose, JitTracingKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        bool inlined = eventData.EventName == "MethodJitInliningSucceeded";
        if (!inlined && eventData.EventName != "MethodJitInliningFailed")
        {
            return;
        }

        var decision = new InlineDecision(
            MethodName(eventData, "MethodBeingCompiled"),
            MethodName(eventData, "Inliner"),
            MethodName(eventData, "Inlinee"),
            inlined,
            inlined ? "" : Payload(eventData, "FailReason"));
        lock (_decisions)
        {
            _decisions.Add(decision);
        }
    }

    private static string MethodName(EventWrittenEventArgs eventData, string role) =>
        Payload(eventData, role + "Namespace") + "." + Payload(eventData, role + "Name");

    private static string Payload(EventWrittenEventArgs eventData, string name)
    {
        int index = eventData.PayloadNames?.IndexOf(name) ?? -1;
        return index >= 0 ? eventData.Payload?[index]?.ToString() ?? "" : "";
    }
}
