namespace BizEnv.Invest.Application.Localization;

/// <summary>
/// A ledger entry's reason in the reader's language. Reasons the system writes are coded text; entries
/// written before codes existed keep the fixed English words they were hashed with, shown translated.
/// </summary>
public static class LedgerReasons
{
    public static string? Show(string? stored) => stored switch
    {
        "breach" => Text.Get("ledger.reason.breach"),
        "pre-2018: remediation list" => Text.Get("ledger.reason.remediation"),
        _ => CodedText.Render(stored),
    };
}
