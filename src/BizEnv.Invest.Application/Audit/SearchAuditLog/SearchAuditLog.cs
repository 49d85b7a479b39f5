using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Audit.SearchAuditLog;

/// <summary>Browse the audit log, newest first. Admins and the integrity office only.</summary>
[AllowRoles(Role.Admin, Role.IntegrityOfficer)]
public sealed record SearchAuditLog(
    DateTimeOffset? From = null, DateTimeOffset? To = null, string? UserName = null, string? Action = null,
    string? Outcome = null, string? ObjectType = null, int Page = 1, int PageSize = 50) : IQuery<Page<AuditLogEntryDto>>;

/// <summary>
/// One audit row as stored (<see cref="Action"/>, <see cref="Outcome"/>, <see cref="Reason"/> are codes) and in the
/// reader's language (the *Text properties), with the name of what it acted on.
/// </summary>
public sealed record AuditLogEntryDto(
    long Id, DateTimeOffset At, Guid? UserId, string UserName, string Roles, string Action, string? ObjectType,
    string? ObjectId, string Outcome, string? Detail, string? ClientIp, string? Reason, string? ObjectName)
{
    public string ActionText => AuditWords.Action(Action);
    public string? ObjectTypeText => ObjectType is null ? null : AuditWords.ObjectType(ObjectType);
    public string OutcomeText => AuditWords.Outcome(Outcome);
    public string? ReasonText => AuditWords.Reason(Outcome, Reason);
}

public sealed class SearchAuditLogHandler(IDbSession db) : IRequestHandler<SearchAuditLog, Page<AuditLogEntryDto>>
{
    public async Task<Page<AuditLogEntryDto>> Handle(SearchAuditLog request, CancellationToken ct)
    {
        var (page, size, offset) = Paging.Normalize(request.Page, request.PageSize);
        var filter = AuditLogFilter.Of(request);
        var cn = await db.ConnectionAsync(ct);
        var total = await cn.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM audit_log a " + AuditLogFilter.Where, filter, cancellationToken: ct));
        var rows = await cn.QueryAsync<AuditLogEntryDto>(new CommandDefinition(
            AuditLogFilter.Select + AuditLogFilter.Where + AuditLogFilter.NewestFirst + " LIMIT @size OFFSET @offset",
            new DynamicParameters(filter).With(new { size, offset }), cancellationToken: ct));
        return new Page<AuditLogEntryDto>(rows.ToList(), total, page, size);
    }
}

internal static class DynamicParametersExtensions
{
    public static DynamicParameters With(this DynamicParameters parameters, object more)
    {
        parameters.AddDynamicParams(more);
        return parameters;
    }
}
