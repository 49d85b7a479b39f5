namespace BizEnv.Invest.Application.Common.Sheets;

/// <summary>
/// The columns an import knows, each by its header as the template writes it (the name used in the
/// report), the ones a sheet must have, and other names a header may go by (our own export's, for a
/// re-import). A unit in a template header ("承诺金额（元）") is the unit the import stores.
/// </summary>
public sealed class SheetColumns(IReadOnlyList<string> headers, IReadOnlyList<string> required, IReadOnlyDictionary<string, string>? aliases = null)
{
    public IReadOnlyList<string> Headers { get; } = headers;
    public IReadOnlyList<string> Required { get; } = required;

    private readonly Dictionary<string, string> _byKey = headers.Select(h => (Key: HeaderName.Parse(h).Key, Header: h))
        .Concat((aliases ?? new Dictionary<string, string>()).Select(a => (Key: HeaderName.Parse(a.Key).Key, Header: a.Value)))
        .ToDictionary(k => k.Key, k => k.Header);

    /// <summary>The template header a sheet's header cell names, or null when the import does not know it.</summary>
    public string? Known(HeaderName name) => _byKey.GetValueOrDefault(name.Key);

    /// <summary>The unit the import stores a column's amounts in: the template header's, else 元.</summary>
    public static AmountUnit StoredUnit(string header) => HeaderName.Parse(header).Unit ?? AmountUnit.Yuan;
}
