namespace BizEnv.Invest.Domain.Commitments;

/// <summary>What the government side promises: land, a tax or fee rebate, a subsidy or award, infrastructure, approval speed, talent housing, financing help, or other.</summary>
public enum CommitmentKind
{
    Land,
    TaxRebate,
    Subsidy,
    Infrastructure,
    ApprovalSpeed,
    TalentHousing,
    Financing,
    Other,
}
