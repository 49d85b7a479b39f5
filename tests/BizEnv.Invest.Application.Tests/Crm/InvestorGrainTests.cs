using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm.Investors;
using BizEnv.Invest.Application.Crm.Investors.GetInvestor;
using BizEnv.Invest.Application.Crm.Investors.ImportInvestors;
using BizEnv.Invest.Application.Crm.Investors.MarkContactPrivate;
using BizEnv.Invest.Application.Crm.Investors.SaveInvestor;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Testing;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Application.Tests.Crm;

/// <summary>The test class's node and a second one on the same database: two silos of one cluster.</summary>
public sealed class TwoInvestorNodes : AppFixture, IAsyncLifetime
{
    public ClusterNode B { get; private set; } = default!;

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        B = await ClusterNode.StartAsync(Database.AppConnectionString, Database.OwnerConnectionString, Clock);
        await Task.WhenAll(Node.JoinedAsync(2), B.JoinedAsync(2));
    }

    public override async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await base.DisposeAsync();
    }

}

/// <summary>
/// The firm's grain is its single writer, on whichever node the request arrives: edits from two nodes
/// queue at the one grain and are each checked against the version the officer read, so none is lost.
/// </summary>
public sealed class InvestorGrainTests(TwoInvestorNodes app) : IClassFixture<TwoInvestorNodes>
{
    private static SaveInvestor Edit(InvestorDetail d, params ContactDto[] contacts) =>
        CrmBuilders.Investor(d.Summary.Name, d.Summary.CreditCode) with { Id = d.Summary.Id, Version = d.Summary.Version, Contacts = contacts };

    private static ContactDto Form(ContactView c, string? title = null) => new(c.Name, title ?? c.Title, c.Phone, c.Email, c.PrivateToUnitId is not null, c.Id);

    [Fact]
    public async Task A_firm_registered_on_one_node_is_edited_on_the_other_and_its_name_key_is_kept_by_the_database()
    {
        var officer = await app.As("officer");
        var firm = await app.SendOn(app.Node, CrmBuilders.Investor("苏州（名键）科技 有限公司"), officer);
        (await app.Scalar<string>("SELECT name_key FROM investors WHERE id = @Id", firm)).ShouldBe("苏州名键科技有限公司");

        var read = await app.Send(new GetInvestor(firm.Id), officer);
        read.Summary.ShouldBe(firm); // the registration's answer, built without reading back, is what the registry then shows
        var edited = await app.SendOn(app.B, Edit(read, Form(read.Contacts.Single(), "董事长")) with { Name = "苏州名键新材料有限公司", HomeRegion = "北京" }, officer);

        edited.Version.ShouldBe(firm.Version + 1);
        edited.HomeRegion.ShouldBe("北京");
        (await app.Scalar<string>("SELECT name_key FROM investors WHERE id = @Id", firm)).ShouldBe("苏州名键新材料有限公司");
        var after = await app.Send(new GetInvestor(firm.Id), officer);
        after.Contacts.Single().ShouldSatisfyAllConditions(c => c.Id.ShouldBe(read.Contacts.Single().Id), c => c.Title.ShouldBe("董事长"));
        (await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE action = 'SaveInvestor' AND object_id = @id AND outcome = 'success'",
            new { id = firm.Id.ToString() })).ShouldBe(2);
    }

    [Fact]
    public async Task A_name_differing_only_in_spaces_case_and_brackets_needs_confirmation_on_either_node()
    {
        var officer = await app.As("officer");
        var officer2 = await app.As("officer2");
        await app.SendOn(app.Node, CrmBuilders.Investor("海川(Alpha)储能有限公司"), officer);
        var ex = await Should.ThrowAsync<ValidationException>(() => app.SendOn(app.B, CrmBuilders.Investor("海川 （alpha） 储能有限公司"), officer2));
        ex.Errors.Single().ShouldSatisfyAllConditions(e => e.ErrorCode.ShouldBe("investor.name_duplicate"), e => e.ErrorMessage.ShouldContain("招商一处"));
        (await app.SendOn(app.B, CrmBuilders.Investor("海川 （alpha） 储能有限公司") with { ConfirmSameName = true }, officer2))
            .UnitName.ShouldBe("招商二处");
    }

    [Fact]
    public async Task Two_nodes_registering_one_credit_code_at_once_register_it_once_and_the_other_hears_who_holds_it()
    {
        var officer = await app.As("officer");
        var officer2 = await app.As("officer2");
        for (var round = 0; round < 8; round++)
        {
            var code = CrmBuilders.NewCreditCode();
            var attempts = new[]
            {
                Attempt(app.SendOn(app.Node, CrmBuilders.Investor($"抢注甲{round}有限公司", code), officer)),
                Attempt(app.SendOn(app.B, CrmBuilders.Investor($"抢注乙{round}有限公司", code), officer2)),
            };
            var outcomes = await Task.WhenAll(attempts);
            var winner = outcomes.Single(o => o.Saved is not null).Saved!;
            var refusal = outcomes.Single(o => o.Refused is not null).Refused!.Errors.Single();
            refusal.ErrorCode.ShouldBe("investor.credit_code_taken");
            refusal.PropertyName.ShouldBe("CreditCode");
            refusal.ErrorMessage.ShouldContain(winner.Name);
            refusal.ErrorMessage.ShouldContain(winner.UnitName);
            (await app.Scalar<long>("SELECT count(*) FROM investors WHERE credit_code = @code", new { code })).ShouldBe(1);
        }
    }

    [Fact]
    public async Task Racing_edits_of_different_contacts_from_two_nodes_are_one_applied_one_refused_and_the_retry_applies_both()
    {
        var officer = await app.As("officer");
        var firm = await app.Send(CrmBuilders.Investor() with
        {
            Contacts = [new ContactDto("甲联系人", "经理", "13800000001", null), new ContactDto("乙联系人", "经理", "13800000002", null)],
        }, officer);
        for (var round = 0; round < 5; round++)
        {
            var read = await app.Send(new GetInvestor(firm.Id), officer);
            var (first, second) = (read.Contacts[0], read.Contacts[1]);
            // Each node sends the whole form as its officer read it, changing one contact.
            var onA = Edit(read, Form(first, $"A{round}"), Form(second));
            var onB = Edit(read, Form(first), Form(second, $"B{round}"));
            var outcomes = await Task.WhenAll(Attempt(app.SendOn(app.Node, onA, officer)), Attempt(app.SendOn(app.B, onB, officer)));

            outcomes.Count(o => o.Saved is not null).ShouldBe(1);
            outcomes.Count(o => o.Conflict).ShouldBe(1);
            // The officer refused re-reads (seeing the other's change) and saves again: both are kept.
            var reread = await app.Send(new GetInvestor(firm.Id), officer);
            var retry = outcomes[0].Conflict
                ? Edit(reread, Form(reread.Contacts[0], $"A{round}"), Form(reread.Contacts[1]))
                : Edit(reread, Form(reread.Contacts[0]), Form(reread.Contacts[1], $"B{round}"));
            await app.SendOn(outcomes[0].Conflict ? app.Node : app.B, retry, officer);

            var now = await app.Send(new GetInvestor(firm.Id), officer);
            now.Contacts.Select(c => c.Title).ShouldBe([$"A{round}", $"B{round}"]);
            now.Summary.Version.ShouldBe(read.Summary.Version + 2);
        }
    }

    [Fact]
    public async Task A_contact_marked_private_on_one_node_then_an_edit_of_the_new_version_on_the_other_keeps_both()
    {
        var officer = await app.As("officer");
        var firm = await app.Send(CrmBuilders.Investor(), officer);
        var read = await app.Send(new GetInvestor(firm.Id), officer);
        var contact = read.Contacts.Single();

        await app.SendOn(app.B, new MarkContactPrivate(firm.Id, contact.Id, true), officer);
        // The form opened before the mark is now stale: it cannot undo the mark unseen.
        await Should.ThrowAsync<ConcurrencyConflictException>(() => app.SendOn(app.Node, Edit(read, Form(contact, "总经理")), officer));
        var fresh = await app.Send(new GetInvestor(firm.Id), officer);
        await app.SendOn(app.Node, Edit(fresh, Form(fresh.Contacts.Single(), "总经理")), officer);

        var after = await app.Send(new GetInvestor(firm.Id), officer);
        after.Contacts.Single().ShouldSatisfyAllConditions(c => c.Title.ShouldBe("总经理"), c => c.PrivateToUnitName.ShouldBe("招商一处"));
        (await app.Send(new GetInvestor(firm.Id), await app.As("officer2"))).Contacts.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_firm_imported_in_bulk_is_edited_afterwards_through_its_grain()
    {
        var officer = await app.As("officer");
        var code = CrmBuilders.NewCreditCode();
        await using var file = await app.Services.GetRequiredService<IXlsxExporter>()
            .ExportAsync("import.xlsx", new XlsxLayout("导入", "投资方导入", InvestorImportColumns.Headers), [["导入后编辑有限公司", code, "民营", "江苏", "C3841", "否", "否"]]);
        (await app.Send(new ImportInvestors(await file.ReadAllBytesAsync(), false), officer)).Imported.ShouldBe(1);
        var id = await app.Scalar<Guid>("SELECT id FROM investors WHERE credit_code = @code", new { code });
        (await app.Scalar<string>("SELECT name_key FROM investors WHERE id = @id", new { id })).ShouldBe("导入后编辑有限公司");

        var read = await app.Send(new GetInvestor(id), officer);
        var edited = await app.SendOn(app.B, Edit(read, new ContactDto("新联系人", null, null, "new@example.com")) with { Name = read.Summary.Name }, officer);
        edited.Version.ShouldBe(read.Summary.Version + 1);
        (await app.Send(new GetInvestor(id), officer)).Contacts.Single().Email.ShouldBe("new@example.com");
    }

    private sealed record Outcome(InvestorSummary? Saved, ValidationException? Refused, bool Conflict);

    private static async Task<Outcome> Attempt(Task<InvestorSummary> save)
    {
        try
        {
            return new Outcome(await save, null, false);
        }
        catch (ValidationException e)
        {
            return new Outcome(null, e, false);
        }
        catch (ConcurrencyConflictException)
        {
            return new Outcome(null, null, true);
        }
    }
}
