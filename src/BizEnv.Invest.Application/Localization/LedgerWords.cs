namespace BizEnv.Invest.Application.Localization;

/// <summary>A ledger entry's event and reason in the reader's language.</summary>
public static class LedgerWords
{
    /// <summary>"Recorded", "Approved", "Lapsed", "BreachConfirmed" … in words (an unknown event as it is stored).</summary>
    public static string Event(string @event) => Text.Has($"ledger.event.{@event}") ? Text.Get($"ledger.event.{@event}") : @event;

    /// <summary>
    /// Reasons the system writes are coded text; entries written before codes existed keep the fixed
    /// English words they were hashed with, shown translated.
    /// </summary>
    public static string? Reason(string? stored) => stored switch
    {
        "breach" => Text.Get("ledger.reason.breach"),
        "pre-2018: remediation list" => Text.Get("ledger.reason.remediation"),
        _ => CodedText.Render(stored),
    };
}
