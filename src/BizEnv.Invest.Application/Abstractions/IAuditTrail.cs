namespace BizEnv.Invest.Application.Abstractions;

/// <summary>Handlers name the object they touched; the audit behaviour writes it with the outcome.</summary>
public interface IAuditTrail
{
    void Target(string objectType, object? objectId, string? detail = null);

    string? ObjectType { get; }
    string? ObjectId { get; }
    string? Detail { get; }
}

public sealed class AuditTrail : IAuditTrail
{
    public string? ObjectType { get; private set; }
    public string? ObjectId { get; private set; }
    public string? Detail { get; private set; }

    public void Target(string objectType, object? objectId, string? detail = null)
    {
        ObjectType = objectType;
        ObjectId = objectId?.ToString();
        Detail = detail;
    }
}
