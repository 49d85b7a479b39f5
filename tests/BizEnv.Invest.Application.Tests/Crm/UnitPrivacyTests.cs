using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm.Investors;
using BizEnv.Invest.Application.Crm.Investors.ExportInvestors;
using BizEnv.Invest.Application.Crm.Investors.GetInvestor;
using BizEnv.Invest.Application.Crm.Investors.ListInvestors;
using BizEnv.Invest.Application.Crm.Investors.MarkContactPrivate;
using BizEnv.Invest.Application.Crm.Investors.SaveUnitNote;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Users.CreateUser;
using BizEnv.Invest.Domain.Identity;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace BizEnv.Invest.Application.Tests.Crm;

/// <summary>
/// Unit privacy in the shared firm registry (issue #15 item 4): 招商一处 keeps internal notes and a
/// private contact on its firm; only 招商一处 (its officers and its leader) and the integrity office see
/// them — through GetInvestor and nowhere else (list, search, export).
/// </summary>
public sealed class UnitPrivacyTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Note = "内部：企业实控人倾向落户临港，勿外传。";
    private const string PrivateName = "内线张总";

    // The privacy matrix: reader → sees 招商一处's note and private contact. "zs1leader" is a leader of 招商一处
    // (leaders read the CRM; the unit's own leader reads its notes); the demo leader is of the government office.
    public static TheoryData<string, bool> Readers => new()
    {
        { "officer", true },      // 招商一处, the writer's unit
        { "zs1leader", true },    // 招商一处's leader
        { "integrity", true },    // the integrity office sees every unit's, labelled
        { "officer2", false },    // 招商二处
        { "leader", false },      // another unit's leader: "reads everything" is records, not a unit's remarks
        { "admin", false },       // an admin of the bureau, not of 招商一处
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task Only_the_writing_unit_and_the_integrity_office_see_its_note_and_private_contact(string reader, bool sees)
    {
        var (investorId, _) = await FirmWithPrivateData();
        var detail = await app.Send(new GetInvestor(investorId), await Reader(reader));

        detail.Contacts.ShouldContain(c => c.Name == "王经理" && c.PrivateToUnitId == null); // the shared contact: everyone
        if (sees)
        {
            detail.UnitNotes.ShouldHaveSingleItem().Body.ShouldBe(Note);
            detail.UnitNotes[0].UnitName.ShouldBe("招商一处");
            detail.Contacts.Single(c => c.Name == PrivateName).PrivateToUnitName.ShouldBe("招商一处");
        }
        else
        {
            detail.UnitNotes.ShouldBeEmpty();
            detail.Contacts.ShouldNotContain(c => c.Name == PrivateName);
            detail.Contacts.ShouldAllBe(c => c.PrivateToUnitId == null);
        }
    }

    [Fact]
    public async Task The_integrity_office_sees_every_units_notes_each_labelled_and_a_unit_sees_only_its_own()
    {
        var (investorId, _) = await FirmWithPrivateData();
        var officer2 = await app.As("officer2");
        await app.Send(new SaveUnitNote(investorId, "二处：去年走访过，对方不感兴趣。"), officer2);

        var integrity = await app.Send(new GetInvestor(investorId), await app.As("integrity"));
        integrity.UnitNotes.Select(n => n.UnitName).ShouldBe(["招商一处", "招商二处"], ignoreOrder: true);
        integrity.CanKeepUnitNote.ShouldBeFalse();
        var seen = await app.Send(new GetInvestor(investorId), officer2);
        seen.UnitNotes.ShouldHaveSingleItem().UnitName.ShouldBe("招商二处");
        seen.MyUnitNote.ShouldNotBeNull().Body.ShouldStartWith("二处");
        seen.CanKeepUnitNote.ShouldBeTrue(); // any unit keeps notes on any firm of the registry
        (await app.Send(new GetInvestor(investorId), await app.As("officer"))).UnitNotes.ShouldHaveSingleItem().Body.ShouldBe(Note);
    }

    [Fact]
    public async Task Another_unit_finds_nothing_private_by_list_search_or_export()
    {
        var (investorId, name) = await FirmWithPrivateData();
        var officer2 = await app.As("officer2");

        (await app.Send(new ListInvestors(Search: PrivateName, Registry: true), officer2)).Total.ShouldBe(0);
        (await app.Send(new ListInvestors(Search: "实控人", Registry: true), officer2)).Total.ShouldBe(0);
        var found = await app.Send(new ListInvestors(Search: name, Registry: true), officer2);
        found.Items.ShouldHaveSingleItem().Id.ShouldBe(investorId);

        await using var export = await app.Send(new ExportInvestors(new ListInvestors(Search: name, Registry: true)), officer2);
        var sheet = app.Services.GetRequiredService<IXlsxReader>().Read(await export.ReadAllBytesAsync());
        var cells = sheet.Rows.SelectMany(r => r.Cells).ToList();
        cells.ShouldContain(name);
        cells.ShouldNotContain(c => c.Contains(PrivateName) || c.Contains("实控人") || c.Contains("13900000001"));
    }

    [Fact]
    public async Task Only_the_owning_units_officer_marks_a_contact_and_the_mark_takes_effect_at_once()
    {
        var officer = await app.As("officer");
        var investor = await app.NewInvestor(officer);
        var shared = (await app.Send(new GetInvestor(investor.Id), officer)).Contacts.Single();

        var (officer2, integrity) = (await app.As("officer2"), await app.As("integrity"));
        await Should.ThrowAsync<ForbiddenException>(() => app.Send(new MarkContactPrivate(investor.Id, shared.Id, true), officer2));
        await Should.ThrowAsync<ForbiddenException>(() => app.Send(new MarkContactPrivate(investor.Id, shared.Id, true), integrity));
        await Should.ThrowAsync<NotFoundException>(() => app.Send(new MarkContactPrivate(investor.Id, Guid.NewGuid(), true), officer));

        var marked = await app.Send(new MarkContactPrivate(investor.Id, shared.Id, true), officer);
        marked.PrivateToUnitName.ShouldBe("招商一处");
        (await app.Send(new GetInvestor(investor.Id), await app.As("officer2"))).Contacts.ShouldBeEmpty();
        // The firm's version moved: an edit form opened before the mark cannot silently undo it.
        (await app.Send(new GetInvestor(investor.Id), officer)).Summary.Version.ShouldBe(investor.Version + 1);
        await Should.ThrowAsync<ConcurrencyConflictException>(() =>
            app.Send(CrmBuilders.Investor(investor.Name, investor.CreditCode) with { Id = investor.Id, Version = investor.Version }, officer));

        await app.Send(new MarkContactPrivate(investor.Id, shared.Id, false), officer);
        (await app.Send(new GetInvestor(investor.Id), await app.As("officer2"))).Contacts.ShouldHaveSingleItem().Id.ShouldBe(shared.Id);
        (await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE action = 'MarkContactPrivate' AND object_id = @id AND outcome = 'success'",
            new { id = investor.Id.ToString() })).ShouldBe(2);
    }

    [Fact]
    public async Task Editing_the_firm_keeps_contact_ids_and_another_units_private_contacts()
    {
        var officer = await app.As("officer");
        var investor = await app.NewInvestor(officer);
        var contact = (await app.Send(new GetInvestor(investor.Id), officer)).Contacts.Single();
        // A contact private to 招商二处 (not in 招商一处's form): an edit by 招商一处 must leave it alone.
        await app.Scalar<int>("""
            INSERT INTO investor_contacts (id, investor_id, name, phone, private_to_unit) VALUES (gen_random_uuid(), @id, '二处线人', '13700000000', @unit) RETURNING 1
            """, new { id = investor.Id, unit = await app.UnitId("HCZS2") });

        await app.Send(CrmBuilders.Investor(investor.Name, investor.CreditCode) with
        {
            Id = investor.Id, Version = investor.Version, Contacts = [new ContactDto(contact.Name, "总经理", contact.Phone, null, OnlyOurUnit: true, Id: contact.Id)],
        }, officer);

        var mine = (await app.Send(new GetInvestor(investor.Id), officer)).Contacts.ShouldHaveSingleItem();
        mine.Id.ShouldBe(contact.Id);
        mine.Title.ShouldBe("总经理");
        mine.PrivateToUnitName.ShouldBe("招商一处");
        (await app.Send(new GetInvestor(investor.Id), await app.As("officer2"))).Contacts.ShouldHaveSingleItem().Name.ShouldBe("二处线人");
        (await app.Send(new GetInvestor(investor.Id), await app.As("integrity"))).Contacts.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_note_too_long_is_refused_with_nothing_saved_and_a_stale_version_conflicts()
    {
        var officer = await app.As("officer");
        var investor = await app.NewInvestor(officer);

        var ex = await Should.ThrowAsync<ValidationException>(() => app.Send(new SaveUnitNote(investor.Id, new string('长', 2001)), officer));
        ex.Errors.Single().PropertyName.ShouldBe(nameof(SaveUnitNote.Body));
        (await app.Scalar<long>("SELECT count(*) FROM investor_unit_notes WHERE investor_id = @id", new { id = investor.Id })).ShouldBe(0);
        await Should.ThrowAsync<NotFoundException>(() => app.Send(new SaveUnitNote(Guid.NewGuid(), "x"), officer));
        var integrity = await app.As("integrity");
        await Should.ThrowAsync<ForbiddenException>(() => app.Send(new SaveUnitNote(investor.Id, "x"), integrity));

        var first = await app.Send(new SaveUnitNote(investor.Id, "第一版"), officer);
        first.ShouldNotBeNull().Version.ShouldBe(1);
        await Should.ThrowAsync<ConcurrencyConflictException>(() => app.Send(new SaveUnitNote(investor.Id, "同时写的另一版"), officer)); // read as "none"
        (await app.Send(new SaveUnitNote(investor.Id, "第二版", first.Version), officer)).ShouldNotBeNull().Version.ShouldBe(2);
        await Should.ThrowAsync<ConcurrencyConflictException>(() => app.Send(new SaveUnitNote(investor.Id, "", first.Version), officer));
        (await app.Send(new SaveUnitNote(investor.Id, "  ", 2), officer)).ShouldBeNull(); // blank removes it
        (await app.Send(new GetInvestor(investor.Id), officer)).UnitNotes.ShouldBeEmpty();
        (await app.Scalar<long>("SELECT count(*) FROM audit_log WHERE action = 'SaveUnitNote' AND object_id = @id AND outcome = 'success'",
            new { id = investor.Id.ToString() })).ShouldBe(3);
    }

    /// <summary>A firm of 招商一处 with a shared contact, a private one and the unit's note.</summary>
    private async Task<(Guid Id, string Name)> FirmWithPrivateData()
    {
        var officer = await app.As("officer");
        var name = $"隐私测试{Guid.NewGuid():N}"[..12] + "有限公司";
        var investor = await app.Send(CrmBuilders.Investor(name) with
        {
            Contacts = [new ContactDto("王经理", "投资总监", "13800000000", null), new ContactDto(PrivateName, "副总裁", "13900000001", null, OnlyOurUnit: true)],
        }, officer);
        await app.Send(new SaveUnitNote(investor.Id, Note), officer);
        return (investor.Id, name);
    }

    private async Task<Actor> Reader(string userName)
    {
        if (userName == "zs1leader" && await app.Scalar<long>("SELECT count(*) FROM users WHERE user_name = 'zs1leader'") == 0)
            await app.Send(new CreateUser("zs1leader", "招商一处领导", await app.UnitId("HCZS1"), [Role.Leader], null, null, "Lead3r#Privacy2026"), await app.As("admin"));
        return await app.As(userName);
    }
}
