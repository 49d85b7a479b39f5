using BizEnv.Invest.Application.Chains.Targets.AddChainTarget;
using BizEnv.Invest.Application.Chains.Targets.LinkTargetInvestor;
using BizEnv.Invest.Application.Crm.Visits.LogVisit;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Common;
using FluentValidation;

namespace BizEnv.Invest.Application.Tests.Chains;

/// <summary>A prospect typed into the target list becomes a registered firm: the target is linked to it once, and keeps what was typed on record.</summary>
public sealed class ProspectTargetTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_prospect_target_is_linked_to_its_registered_firm_once_and_keeps_what_was_typed()
    {
        var admin = await app.As("admin");
        var officer = await app.As("officer");
        var chain = await app.NewChain(admin);
        var node = await app.NewNode(admin, chain, "固态电池", ChainSegment.Midstream, "C3849");
        var prospect = await app.Send(new AddChainTarget(chain, node, null, "青川固态电池科技有限公司", "江苏常州", false, true, "固态电解质中试线拟扩产"), officer);
        prospect.InvestorId.ShouldBeNull();

        // An unknown firm is refused at the field; nothing changes.
        await Should.ThrowAsync<ValidationException>(() => app.Send(new LinkTargetInvestor(prospect.Id, Guid.NewGuid(), prospect.Version), officer));

        var firm = await app.NewInvestor(officer, "青川固态电池科技有限公司");
        var linked = await app.Send(new LinkTargetInvestor(prospect.Id, firm.Id, prospect.Version), officer);
        linked.InvestorId.ShouldBe(firm.Id);
        // From now on the registry speaks for the firm (its region and flags); why it fits is the target's own.
        (linked.Region, linked.IsChina500, linked.Reason).ShouldBe((firm.HomeRegion, firm.IsChina500, "固态电解质中试线拟扩产"));
        (await app.Query<(string, string)>("SELECT prospect_name, prospect_region FROM chain_targets WHERE id = @Id", prospect)).Single()
            .ShouldBe(("青川固态电池科技有限公司", "江苏常州")); // what was typed stays on record
        linked.Status.ShouldBe(ChainTargetStatus.Identified);

        // Linked once: a second link is refused; a stale version is a conflict.
        (await Should.ThrowAsync<DomainException>(() => app.Send(new LinkTargetInvestor(prospect.Id, firm.Id, linked.Version), officer)))
            .Code.ShouldBe("chain.target_has_investor");
        await Should.ThrowAsync<Errors.ConcurrencyConflictException>(() => app.Send(new LinkTargetInvestor(prospect.Id, firm.Id, prospect.Version), officer));
    }
}
