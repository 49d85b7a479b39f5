using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.AgreementFigures.GetAgreementFigures;

/// <summary>
/// Both sides of the deal on the figures page (issue #14): the government's contingent liabilities by year due and
/// unit, the investors' obligations met and unmet by kind, and defaults with the amounts recovered — of all units, or
/// of the one <see cref="UnitId"/> names. Same readers as the figures page's other numbers: leaders, the integrity
/// office and admins, who see every unit.
/// </summary>
[AllowRoles(Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record GetAgreementFigures(Guid? UnitId = null) : IQuery<AgreementFigureSet>;

/// <summary>The figures, and the name of the unit they are narrowed to (null: all units).</summary>
public sealed record AgreementFigureSet(
    string? UnitName, IReadOnlyList<LiabilityFigure> Liabilities, IReadOnlyList<ObligationKindFigure> Obligations, IReadOnlyList<DefaultFigure> Defaults)
{
    public LiabilityPivot Pivot(string totalLabel) => LiabilityPivot.From(Liabilities, totalLabel);

    public DefaultFigure DefaultTotals(string totalLabel) => new(Guid.Empty, totalLabel, Defaults.Sum(d => d.Open), Defaults.Sum(d => d.Closed),
        Defaults.Sum(d => d.AmountDue), Defaults.Sum(d => d.AmountRecovered));

    public ObligationKindFigure ObligationTotals(string totalLabel) => new(totalLabel, Obligations.Sum(o => o.Met), Obligations.Sum(o => o.Cured),
        Obligations.Sum(o => o.Missed), Obligations.Sum(o => o.OpenOverdue), Obligations.Sum(o => o.OpenNotDue));
}

public sealed class GetAgreementFiguresHandler(IDbSession db, TimeProvider clock) : IRequestHandler<GetAgreementFigures, AgreementFigureSet>
{
    public async Task<AgreementFigureSet> Handle(GetAgreementFigures r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var unitName = r.UnitId is { } unitId
            ? await cn.QuerySingleOrDefaultAsync<string>(new CommandDefinition("SELECT unit_name(name_zh, name_en) FROM units WHERE id = @unitId", new { unitId }, cancellationToken: ct))
              ?? throw new NotFoundException("unit", unitId)
            : null;
        // One connection, so one after the other.
        var liabilities = await ContingentLiabilityReader.ReadAsync(cn, r.UnitId, ct);
        var obligations = await ObligationFigureReader.ReadAsync(cn, r.UnitId, clock.Today(), ct);
        var defaults = await DefaultFigureReader.ReadAsync(cn, r.UnitId, ct);
        return new AgreementFigureSet(unitName, liabilities, obligations, defaults);
    }
}
