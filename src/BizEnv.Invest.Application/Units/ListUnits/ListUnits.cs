using BizEnv.Invest.Application.Abstractions;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Units.ListUnits;

/// <summary>Every unit in tree order. Any signed-in user may read the organisation chart.</summary>
public sealed record ListUnits : IQuery<IReadOnlyList<UnitDto>>;

public sealed class ListUnitsHandler(IDbSession db) : IRequestHandler<ListUnits, IReadOnlyList<UnitDto>>
{
    public async Task<IReadOnlyList<UnitDto>> Handle(ListUnits request, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        return await UnitSql.ReadTree(cn, null, ct);
    }
}
