namespace BizEnv.Invest.Domain.Common;

/// <summary>The object changed since the caller read it (a 409): reload and decide again.</summary>
public sealed class VersionConflictException(string objectType, Guid id) : Exception($"{objectType} {id} was changed by someone else")
{
    public string ObjectType { get; } = objectType;
    public Guid Id { get; } = id;
}
