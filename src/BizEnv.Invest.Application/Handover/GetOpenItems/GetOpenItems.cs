using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Handover;
using BizEnv.Invest.Domain.Identity;
using MediatR;

namespace BizEnv.Invest.Application.Handover.GetOpenItems;

/// <summary>What a user owns that is open, counted per kind: the admin sees before disabling or moving them whether a successor is needed.</summary>
[AllowRoles(Role.Admin)]
public sealed record GetOpenItems(Guid UserId) : IQuery<IReadOnlyList<OpenItems>>;

public sealed class GetOpenItemsHandler(IDbSession db, IEnumerable<IHandoverKind> kinds) : IRequestHandler<GetOpenItems, IReadOnlyList<OpenItems>>
{
    public async Task<IReadOnlyList<OpenItems>> Handle(GetOpenItems r, CancellationToken ct)
    {
        var all = kinds.ToList();
        return Departure.Count(all, await Departure.OpenItemsAsync(all, await db.ConnectionAsync(ct), db.Transaction, r.UserId, ct));
    }
}
