using Dapper;
using Microsoft.AspNetCore.Mvc;
using Outflow.Core.Requests;
using Outflow.Core.WorkQueue;
using Outflow.Web.Features.Home;
using Outflow.Web.Features.Requests;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Features.Signals;

public sealed record SignalsNavCounts(int UnreadSignals, WorkCounts? Work)
{
    public int Total => UnreadSignals + (Work?.Total ?? 0);
}

/// <summary>
/// The "Meldingen" item of the navigation with its counts: the organisation's unread signals and,
/// for a counsellor, the work on her own queue (the same counts as the landing page). Two small
/// aggregate queries on every page, organisation-scoped and indexed.
/// </summary>
public sealed class SignalsNavViewComponent(Db db, WorkQueue queue) : ViewComponent
{
    internal const string UnreadSql = "SELECT COUNT(*) FROM Signals WHERE OrganisationId = @OrganisationId AND ReadAt IS NULL AND ClosedAt IS NULL";

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var user = CurrentUser.From(UserClaimsPrincipal);
        var side = RequestViewpoint.For(UserClaimsPrincipal);
        int unread;
        await using (var connection = await db.OpenAsync(HttpContext.RequestAborted))
        {
            unread = await connection.ExecuteScalarAsync<int>(UnreadSql, new { user.OrganisationId });
        }

        var work = side != ActorRole.Counsellor ? null
            : HttpContext.Items[WorkQueue.CountsItem] as WorkCounts ?? await queue.CountAsync(user, WorkScope.Mine, HttpContext.RequestAborted);
        return View("/Features/Signals/Components/SignalsNav/Default.cshtml", new SignalsNavCounts(unread, work));
    }
}
