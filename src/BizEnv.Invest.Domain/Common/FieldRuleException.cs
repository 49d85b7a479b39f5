namespace BizEnv.Invest.Domain.Common;

/// <summary>
/// A business rule refused one field of a command (e.g. a new due date not later than the old one):
/// shown next to that field, unlike a <see cref="DomainException"/>, which concerns the whole object.
/// </summary>
public sealed class FieldRuleException(string field, string code, params object[] args) : Exception(code)
{
    public string Field { get; } = field;
    public string Code { get; } = code;
    public IReadOnlyList<object> Args { get; } = args;
}
