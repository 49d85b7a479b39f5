using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Witnesses;
using BizEnv.Invest.Application.Audit.SearchAuditLog;
using BizEnv.Invest.Application.Commitments.Ledger.Signing;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.LedgerExplorer.ListCheckpoints;

/// <summary>
/// The checkpoint history, newest first, a page at a time, optionally within dates (China time, both
/// inclusive): what the integrity office reads to see the ledger grow and each seal checked.
/// </summary>
[AllowRoles(Role.IntegrityOfficer, Role.Admin)]
public sealed record ListCheckpoints(DateOnly? From = null, DateOnly? To = null, int Page = 1, int PageSize = 50) : IQuery<CheckpointHistory>;

/// <summary>A page of the history, and how many witnesses are registered now (the M of "witnessed by N of M").</summary>
public sealed record CheckpointHistory(Page<CheckpointSummary> Page, int Witnesses);

public sealed class ListCheckpointsValidator : AbstractValidator<ListCheckpoints>
{
    public ListCheckpointsValidator() =>
        RuleFor(x => x.To).Must((x, to) => x.From is null || to is null || x.From <= to).WithText("ledger.explorer.dates_order");
}

public sealed class ListCheckpointsHandler(IDbSession db, ICheckpointSigner signer) : IRequestHandler<ListCheckpoints, CheckpointHistory>
{
    public async Task<CheckpointHistory> Handle(ListCheckpoints r, CancellationToken ct)
    {
        var (page, size, offset) = Paging.Normalize(r.Page, r.PageSize);
        var cn = await db.ConnectionAsync(ct);
        var dates = CheckpointDates.Args(r.From, r.To);
        var total = await cn.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM ledger_checkpoints WHERE {CheckpointDates.Where}", dates, db.Transaction, cancellationToken: ct));
        var rows = await cn.QueryAsync<CheckpointRow>(new CommandDefinition(
            $"{CheckpointRow.Select} WHERE {CheckpointDates.Where} ORDER BY id DESC LIMIT @size OFFSET @offset",
            new DynamicParameters(dates).With(new { size, offset }), db.Transaction, cancellationToken: ct));
        var items = await CheckpointWitnesses.AddAsync(cn, db.Transaction, [.. rows.Select(c => c.ToSummary(signer))], ct);
        return new CheckpointHistory(new Page<CheckpointSummary>(items, total, page, size), await CheckpointWitnesses.ActiveCountAsync(cn, db.Transaction, ct));
    }
}

/// <summary>The date filter the list and the export share: calendar days in China time, both ends inclusive.</summary>
internal static class CheckpointDates
{
    public const string Where =
        "(@from::date IS NULL OR (at AT TIME ZONE 'Asia/Shanghai')::date >= @from::date) AND (@to::date IS NULL OR (at AT TIME ZONE 'Asia/Shanghai')::date <= @to::date)";

    public static object Args(DateOnly? from, DateOnly? to) => new { from, to };
}
