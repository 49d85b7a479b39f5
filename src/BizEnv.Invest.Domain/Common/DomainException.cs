namespace BizEnv.Invest.Domain.Common;

/// <summary>
/// A business rule refused an operation. <see cref="Code"/> is a stable key the UI translates
/// (zh-CN first, en-US second); <see cref="Args"/> fill its placeholders.
/// </summary>
public sealed class DomainException(string code, params object[] args) : Exception(code)
{
    public string Code { get; } = code;
    public IReadOnlyList<object> Args { get; } = args;
}
