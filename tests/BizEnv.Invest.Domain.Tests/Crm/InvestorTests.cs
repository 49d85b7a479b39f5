using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Domain.Tests.Crm;

public sealed class InvestorTests
{
    private static readonly Guid Unit = Guid.NewGuid();
    private static readonly Guid OtherUnit = Guid.NewGuid();

    private static string Code(string body17) => body17 + CreditCode.CheckCharacter(body17);

    private static InvestorDraft Draft(string name = "海川恒锐储能有限公司", params ContactDraft[] contacts) =>
        new(name, Code("91370999000000001"), Ownership.Private, " 江苏 ", "c3841", false, true, null,
            contacts.Length == 0 ? [new ContactDraft(null, "王经理", "总监", "13800000000", null, false)] : contacts, []);

    private static Investor Registered(InvestorDraft? draft = null) => Investor.Register(Guid.NewGuid(), Unit, draft ?? Draft()).After;

    private static FieldRuleException Refused(Action act) => Should.Throw<FieldRuleException>(act);

    [Fact]
    public void A_registered_firm_is_version_one_of_its_unit_with_its_fields_tidied()
    {
        var change = Investor.Register(Guid.NewGuid(), Unit, Draft("  海川恒锐储能有限公司 ") with { CreditCode = " 9137 0999 0000 0000 1" + Code("91370999000000001")[17] });
        change.Registered.ShouldBeTrue();
        var firm = change.After;
        firm.UnitId.ShouldBe(Unit);
        firm.Version.ShouldBe(1);
        firm.Name.ShouldBe("海川恒锐储能有限公司");
        firm.CreditCode.ShouldBe(Code("91370999000000001"));
        firm.HomeRegion.ShouldBe("江苏");
        firm.IndustryCode.ShouldBe("C3841");
        firm.IsChina500.ShouldBeTrue();
        firm.Contacts.Single().Name.ShouldBe("王经理");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_firm_needs_a_name(string name) =>
        Refused(() => Investor.Register(Guid.NewGuid(), Unit, Draft(name))).ShouldSatisfyAllConditions(
            e => e.Field.ShouldBe("Name"), e => e.Code.ShouldBe("investor.name_required"));

    [Fact]
    public void A_name_longer_than_200_characters_is_refused()
    {
        Refused(() => Registered(Draft(new string('企', 201)))).Code.ShouldBe("field.too_long");
        Registered(Draft(new string('企', 200))).Name.Length.ShouldBe(200);
    }

    [Fact]
    public void A_wrong_check_character_is_refused_on_the_credit_code_field()
    {
        var good = Code("91370999000000001");
        var e = Refused(() => Registered(Draft() with { CreditCode = good[..17] + (good[17] == '0' ? '1' : '0') }));
        e.Field.ShouldBe("CreditCode");
        e.Code.ShouldBe("credit_code.check_char");
    }

    [Fact]
    public void No_credit_code_is_allowed_and_kept_as_none() =>
        Registered(Draft() with { CreditCode = "  " }).CreditCode.ShouldBeNull();

    [Fact]
    public void An_unknown_ownership_is_refused() =>
        Refused(() => Registered(Draft() with { Ownership = (Ownership)42 })).Code.ShouldBe("investor.ownership_unknown");

    [Fact]
    public void A_home_region_longer_than_50_characters_is_refused() =>
        Refused(() => Registered(Draft() with { HomeRegion = new string('省', 51) })).Field.ShouldBe("HomeRegion");

    [Fact]
    public void A_firm_cannot_be_its_own_parent()
    {
        var id = Guid.NewGuid();
        Refused(() => Investor.Register(id, Unit, Draft() with { ParentId = id })).Code.ShouldBe("investor.parent_self");
        var firm = Registered();
        Refused(() => firm.Edit(Draft() with { ParentId = firm.Id }, firm.Version, Unit)).Code.ShouldBe("investor.parent_self");
        firm.Edit(Draft() with { ParentId = Guid.NewGuid() }, firm.Version, Unit).After.ParentId.ShouldNotBeNull();
    }

    [Fact]
    public void A_contact_needs_a_phone_or_an_email()
    {
        var e = Refused(() => Registered(Draft("甲公司", new ContactDraft(null, "王经理", null, " ", null, false))));
        e.Field.ShouldBe("Contacts[0]");
        e.Code.ShouldBe("contact.phone_or_email");
        Registered(Draft("甲公司", new ContactDraft(null, "王经理", null, null, "wang@example.com", false))).Contacts.Single().Email.ShouldBe("wang@example.com");
    }

    [Fact]
    public void A_contact_needs_a_name_and_a_phone_in_phone_form()
    {
        Refused(() => Registered(Draft("甲公司", new ContactDraft(null, " ", null, "13800000000", null, false)))).Code.ShouldBe("contact.name_required");
        Refused(() => Registered(Draft("甲公司", new ContactDraft(null, "王", null, "call me", null, false)))).Field.ShouldBe("Contacts[0].Phone");
    }

    [Fact]
    public void Linked_officers_named_twice_are_linked_once()
    {
        var officer = Guid.NewGuid();
        Registered(Draft() with { LinkedOfficerIds = [officer, officer] }).LinkedOfficerIds.ShouldBe([officer]);
    }

    [Fact]
    public void An_edit_of_an_old_version_is_a_conflict_and_an_edit_of_the_current_one_moves_the_version()
    {
        var firm = Registered();
        Should.Throw<VersionConflictException>(() => firm.Edit(Draft() with { HomeRegion = "北京" }, firm.Version - 1, Unit));
        var edited = firm.Edit(Draft() with { HomeRegion = "北京" }, firm.Version, Unit);
        edited.Before.ShouldBe(firm);
        edited.After.Version.ShouldBe(firm.Version + 1);
        edited.After.HomeRegion.ShouldBe("北京");
        edited.After.UnitId.ShouldBe(Unit);
    }

    [Fact]
    public void An_edit_keeps_a_contacts_id_only_when_it_was_one_of_the_firms()
    {
        var firm = Registered();
        var kept = firm.Contacts.Single().Id;
        var stranger = Guid.NewGuid();
        var after = firm.Edit(Draft("海川恒锐储能有限公司", new ContactDraft(kept, "王经理", null, "13800000001", null, false),
            new ContactDraft(stranger, "李", null, "13800000002", null, false)), firm.Version, Unit).After;
        after.Contacts[0].Id.ShouldBe(kept);
        after.Contacts[0].Phone.ShouldBe("13800000001");
        after.Contacts[1].Id.ShouldNotBe(stranger);
    }

    [Fact]
    public void An_edit_leaves_another_units_private_contact_as_it_is()
    {
        var firm = Registered();
        var theirs = new InvestorContact(Guid.NewGuid(), "赵", null, "13900000000", null, OtherUnit, 1);
        firm = firm with { Contacts = [.. firm.Contacts, theirs] };
        var after = firm.Edit(Draft("海川恒锐储能有限公司", new ContactDraft(null, "新联系人", null, "13800000003", null, true)), firm.Version, Unit).After;
        after.Contacts.Count.ShouldBe(2);
        after.Contacts.ShouldContain(c => c.Id == theirs.Id && c.PrivateToUnit == OtherUnit);
        after.Contacts.ShouldContain(c => c.Name == "新联系人" && c.PrivateToUnit == Unit);
        after.Contacts.Select(c => c.Sort).ShouldBe([0, 1]);
    }

    [Fact]
    public void Marking_a_contact_private_moves_the_version_and_a_contact_the_unit_cannot_see_is_not_there()
    {
        var firm = Registered();
        var contact = firm.Contacts.Single().Id;
        var marked = firm.MarkContact(contact, true, Unit)!.After;
        marked.Contacts.Single().PrivateToUnit.ShouldBe(Unit);
        marked.Version.ShouldBe(firm.Version + 1);
        marked.MarkContact(contact, false, OtherUnit).ShouldBeNull();
        marked.MarkContact(contact, false, Unit)!.After.Contacts.Single().PrivateToUnit.ShouldBeNull();
        firm.MarkContact(Guid.NewGuid(), true, Unit).ShouldBeNull();
    }
}
