import { useState } from "react";
import { must, readable, type Api, type Ticket } from "../api/client";

/** A closed ticket's rating by its owner: 1 to 5, and a comment if they like; once. */
export function Rating(props: { api: Api; ticket: Ticket; onChanged: (ticket: Ticket) => void }) {
  const { api, ticket, onChanged } = props;
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);

  if (ticket.satisfaction) {
    return <p className="rated">You rated this ticket {ticket.satisfaction.rating} out of 5. Thank you.</p>;
  }
  const send = async () => {
    try {
      const rated = must(await api.POST("/support/tickets/{ticket_id}/satisfaction", {
        params: { path: { ticket_id: ticket.ticket_id } }, body: { rating: rating ?? 0, comment: comment.trim() || null },
      }));
      onChanged(rated.ticket);
    } catch (failure) {
      setError(readable(failure));
    }
  };
  return (
    <form className="rating" onSubmit={(e) => { e.preventDefault(); void send(); }}>
      <fieldset>
        <legend>How did we do?</legend>
        <div className="scores">
          {[1, 2, 3, 4, 5].map((score) => (
            <label key={score} className="score">
              <input type="radio" name="rating" value={score} checked={rating === score} onChange={() => setRating(score)} />
              {score}
            </label>
          ))}
        </div>
        <p className="meta">1 is poor, 5 is great.</p>
      </fieldset>
      <label htmlFor="rating-comment">Anything to add? (optional)</label>
      <textarea id="rating-comment" value={comment} onChange={(e) => setComment(e.target.value)} rows={2} maxLength={2000} />
      {error && <p className="error" role="alert">{error}</p>}
      <button type="submit" disabled={rating === null}>Send rating</button>
    </form>
  );
}
