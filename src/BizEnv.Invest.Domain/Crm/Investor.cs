using System.Text.RegularExpressions;
using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Crm;

/// <summary>One contact person of a firm; <see cref="PrivateToUnit"/> set means only that unit (and the integrity office) sees it.</summary>
public sealed record InvestorContact(Guid Id, string Name, string? Title, string? Phone, string? Email, Guid? PrivateToUnit, int Sort);

/// <summary>A contact as the owning unit's edit form sends it; <see cref="Id"/> keeps an existing contact's id.</summary>
public sealed record ContactDraft(Guid? Id, string Name, string? Title, string? Phone, string? Email, bool OnlyOurUnit);

/// <summary>The registry record as the owning unit's officer sends it: fields, the contacts the officer sees, the linked officers.</summary>
public sealed record InvestorDraft(
    string Name, string? CreditCode, Ownership Ownership, string? HomeRegion, string? IndustryCode, bool IsFortune500, bool IsChina500,
    Guid? ParentId, IReadOnlyList<ContactDraft> Contacts, IReadOnlyList<Guid> LinkedOfficerIds);

/// <summary>What a command did to the record: the state before (null when registered) and after.</summary>
public sealed record InvestorChange(Investor? Before, Investor After)
{
    public bool Registered => Before is null;
}

/// <summary>
/// A firm in the investor registry (招商企业库), owned by the unit that registered it: the shared record
/// (name, credit code, ownership, region, industry, Fortune/China 500 flags, parent company), its
/// contacts — some private to one unit — and the officers linked with it (联系企业). The rules that need
/// no database live here: a name, a well-formed credit code, no firm its own parent, every contact
/// reachable by phone or e-mail, edits against the version the editor read. Whether the parent, the
/// industry and the officers exist, and whether the code or the name is already taken, the caller
/// checks against the registry.
/// </summary>
public sealed record Investor(
    Guid Id, Guid UnitId, string Name, string? CreditCode, Ownership Ownership, string? HomeRegion, string? IndustryCode,
    bool IsFortune500, bool IsChina500, Guid? ParentId, IReadOnlyList<InvestorContact> Contacts, IReadOnlyList<Guid> LinkedOfficerIds, int Version)
{
    public const int NameMaxLength = 200;
    public const int RegionMaxLength = 50;
    public const int ContactFieldMaxLength = 50;
    private static readonly Regex PhoneForm = new(@"^[0-9+\-() ]{5,20}$", RegexOptions.CultureInvariant);

    /// <summary>A firm registered by <paramref name="unitId"/>, at version 1.</summary>
    public static InvestorChange Register(Guid id, Guid unitId, InvestorDraft draft)
    {
        var fields = Checked(id, draft);
        var contacts = NewContacts(draft.Contacts, unitId, []);
        return new InvestorChange(null, fields with { UnitId = unitId, Contacts = contacts, Version = 1 });
    }

    /// <summary>
    /// The owning unit's edit of the version it read. The contacts the editor's unit sees are replaced
    /// by the form's (a contact keeps its id when it was one of them); another unit's private contacts
    /// are not in the form and stay as they are.
    /// </summary>
    public InvestorChange Edit(InvestorDraft draft, int readVersion, Guid editorUnit)
    {
        if (readVersion != Version)
            throw new VersionConflictException("investor", Id);
        var fields = Checked(Id, draft);
        var hidden = Contacts.Where(c => !Sees(c, editorUnit)).ToList();
        var replaceable = Contacts.Where(c => Sees(c, editorUnit)).Select(c => c.Id).ToHashSet();
        var contacts = NewContacts(draft.Contacts, editorUnit, replaceable);
        // The form's contacts come first in its order; the hidden ones keep their place after them.
        var all = contacts.Concat(hidden.Select((c, i) => c with { Sort = contacts.Count + i })).ToList();
        return new InvestorChange(this, fields with { UnitId = UnitId, Contacts = all, Version = Version + 1 });
    }

    /// <summary>
    /// The owning unit marks one of the contacts it sees "only our unit", or shares it again. The
    /// firm's version moves, so an edit form opened before cannot put the old flag back unseen.
    /// Null when the unit sees no such contact.
    /// </summary>
    public InvestorChange? MarkContact(Guid contactId, bool onlyOurUnit, Guid editorUnit)
    {
        if (Contacts.FirstOrDefault(c => c.Id == contactId && Sees(c, editorUnit)) is not { } contact)
            return null;
        var marked = contact with { PrivateToUnit = onlyOurUnit ? editorUnit : null };
        return new InvestorChange(this, this with { Contacts = Contacts.Select(c => c.Id == contactId ? marked : c).ToList(), Version = Version + 1 });
    }

    /// <summary>Whether a unit sees the contact: shared ones and its own private ones.</summary>
    public static bool Sees(InvestorContact contact, Guid unit) => contact.PrivateToUnit is null || contact.PrivateToUnit == unit;

    private static Investor Checked(Guid id, InvestorDraft d)
    {
        var name = Blank(d.Name) ?? throw new FieldRuleException(nameof(Name), "investor.name_required");
        if (name.Length > NameMaxLength)
            throw new FieldRuleException(nameof(Name), "field.too_long", NameMaxLength);
        string? code = null;
        if (!string.IsNullOrWhiteSpace(d.CreditCode))
        {
            if (Crm.CreditCode.Check(d.CreditCode) is { } problem)
                throw new FieldRuleException(nameof(CreditCode), problem.Code, [.. problem.Args]);
            code = Crm.CreditCode.Normalize(d.CreditCode);
        }
        if (!Enum.IsDefined(d.Ownership))
            throw new FieldRuleException(nameof(Ownership), "investor.ownership_unknown");
        var region = Blank(d.HomeRegion);
        if (region?.Length > RegionMaxLength)
            throw new FieldRuleException(nameof(HomeRegion), "field.too_long", RegionMaxLength);
        if (d.ParentId == id)
            throw new FieldRuleException(nameof(ParentId), "investor.parent_self");
        return new Investor(id, Guid.Empty, name, code, d.Ownership, region, Blank(d.IndustryCode)?.ToUpperInvariant(), d.IsFortune500, d.IsChina500,
            d.ParentId, [], d.LinkedOfficerIds.Distinct().ToList(), 0);
    }

    private static List<InvestorContact> NewContacts(IReadOnlyList<ContactDraft> drafts, Guid unit, HashSet<Guid> reusable)
    {
        var contacts = new List<InvestorContact>(drafts.Count);
        for (var i = 0; i < drafts.Count; i++)
        {
            var c = drafts[i];
            var field = $"Contacts[{i}]";
            var name = Blank(c.Name) ?? throw new FieldRuleException(field + ".Name", "contact.name_required");
            if (name.Length > ContactFieldMaxLength)
                throw new FieldRuleException(field + ".Name", "field.too_long", ContactFieldMaxLength);
            var title = Blank(c.Title);
            if (title?.Length > ContactFieldMaxLength)
                throw new FieldRuleException(field + ".Title", "field.too_long", ContactFieldMaxLength);
            var phone = Blank(c.Phone);
            var email = Blank(c.Email);
            if (phone is null && email is null)
                throw new FieldRuleException(field, "contact.phone_or_email");
            if (phone is not null && !PhoneForm.IsMatch(phone))
                throw new FieldRuleException(field + ".Phone", "field.phone_format");
            // A contact keeps its id across edits when it was one of this firm's that the editor sees; any other id is a new contact.
            var id = c.Id is { } old && reusable.Remove(old) ? old : Guid.NewGuid();
            contacts.Add(new InvestorContact(id, name, title, phone, email, c.OnlyOurUnit ? unit : null, i));
        }
        return contacts;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
