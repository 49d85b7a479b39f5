using BizEnv.Invest.Application.Agreements;
using BizEnv.Invest.Domain.Agreements;

namespace BizEnv.Invest.Web.Components.Pages.Agreements;

/// <summary>
/// One obligation row of a form, as typed. Choosing a kind sets its usual unit (and clears target and unit for a
/// milestone, which has none), so the officer only changes what differs from the agreement's usual wording.
/// </summary>
public sealed class ObligationDraftModel
{
    private ObligationKind _kind = ObligationKind.StartOfConstruction;

    public ObligationKind Kind
    {
        get => _kind;
        set
        {
            if (_kind == value)
                return;
            _kind = value;
            Unit = ObligationKinds.DefaultUnit(value);
            if (IsMilestone)
                Target = null;
        }
    }

    public string Description { get; set; } = "";
    public decimal? Target { get; set; }
    public string? Unit { get; set; }
    public DateOnly DueDate { get; set; }
    public int CureDays { get; set; } = 30;
    public Remedy Remedy { get; set; } = Remedy.RecoverSubsidy;
    public decimal? RemedyAmount { get; set; }

    public bool IsMilestone => ObligationKinds.IsMilestone(Kind);

    /// <summary>The units offered for the kind (null: free text, for Other).</summary>
    public IReadOnlyList<string>? Units => ObligationKinds.Units(Kind);

    public ObligationInput ToInput() =>
        new(Kind, Description, IsMilestone ? null : Target, IsMilestone ? null : Unit, DueDate, CureDays, Remedy, RemedyAmount);
}
