using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Cases.GetCase;

/// <summary>A case with the promise it is about and whether its result report is overdue.</summary>
[AllowRoles(Role.IntegrityOfficer, Role.Leader)]
public sealed record GetCase(Guid Id) : IQuery<CaseDetail>;

public sealed record CaseDetail(CaseState Case, CommitmentState Commitment, bool ResultOverdue);

public sealed class GetCaseHandler(IDbSession db, TimeProvider clock) : IRequestHandler<GetCase, CaseDetail>
{
    public async Task<CaseDetail> Handle(GetCase r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var state = await CaseLoad.Read(cn, null, r.Id, ct);
        var commitment = await CommitmentLoad.Read(cn, null, state.CommitmentId, ct);
        return new CaseDetail(state, commitment, IntegrityCaseRules.IsOverdue(state.ResultDue, state.Outcome is not null, clock.Today()));
    }
}
