package com.chatnation.crm.application.conversations;

import com.chatnation.crm.application.agenda.SessionReminders;
import com.chatnation.crm.domain.agenda.CancelReminder;
import com.chatnation.crm.domain.agenda.RequestReminder;
import com.chatnation.crm.domain.agenda.SessionReminder;
import com.chatnation.crm.domain.hypecard.RequestCard;
import com.chatnation.crm.domain.program.ProgramSubscription;
import com.chatnation.crm.domain.program.UnsubscribeFromProgram;
import com.chatnation.crm.domain.conversation.ConversationEffect;
import com.chatnation.crm.domain.conversation.ConversationEffect.AbandonSurvey;
import com.chatnation.crm.domain.conversation.ConversationEffect.AnswerSurvey;
import com.chatnation.crm.domain.conversation.ConversationEffect.StartSurvey;
import com.chatnation.crm.domain.conversation.RecordSurveyStep;
import com.chatnation.crm.domain.conversation.RecordTicketReservation;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.survey.AbandonSurveyResponse;
import com.chatnation.crm.domain.survey.AnswerQuestion;
import com.chatnation.crm.domain.survey.StartSurveyResponse;
import com.chatnation.crm.domain.ticketing.ReservationResult;
import com.chatnation.crm.domain.ticketing.ReservationStatus;
import com.chatnation.crm.domain.ticketing.ReserveTickets;
import com.chatnation.crm.domain.conversation.RecordPollVote;
import com.chatnation.crm.domain.poll.CastVote;
import com.chatnation.crm.domain.knowledge.RateKnowledgeAnswer;
import com.chatnation.crm.domain.poll.VoteOutcome;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.chatnation.crm.application.conversations.Fixtures.AGAIN;
import static com.chatnation.crm.application.conversations.Fixtures.AT;
import static com.chatnation.crm.application.conversations.Fixtures.ORIGIN;
import static com.chatnation.crm.application.conversations.Fixtures.RATING;
import static com.chatnation.crm.application.conversations.Fixtures.SETTINGS;
import static com.chatnation.crm.application.conversations.Fixtures.SURVEY;
import static com.chatnation.crm.application.conversations.Fixtures.ask;
import static com.chatnation.crm.application.conversations.Fixtures.catalogNaming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversationProcessesTest {

    @Test
    void eachEffectTheConversationCanDecideOnStartsItsOwnProcess() {
        RecordingCommandGateway commands = new RecordingCommandGateway()
                .answering(StartSurveyResponse.class, start -> ask(RATING))
                .answering(AnswerQuestion.class, answer -> ask(AGAIN))
                .answering(ReserveTickets.class, reserve -> new ReservationResult("res-1", "vip", 1, BigDecimal.TEN,
                        BigDecimal.TEN, "KES", AT, ReservationStatus.HELD))
                .answering(CastVote.class, vote -> new VoteOutcome(VoteOutcome.Result.COUNTED, "Topic?", "AI", null,
                        AT, null));
        ConversationProcesses processes = new ConversationProcesses(List.of(
                new SurveyStartProcess(commands, SETTINGS),
                new SurveyStepProcess(commands),
                new SurveyAbandonmentProcess(commands),
                new TicketReservationProcess(commands, catalogNaming(Map.of()), SETTINGS,
                        Fixtures.payments(commands, false)),
                new PollVoteProcess(commands), new AnswerRatingProcess(commands),
                new Recording<>(ConversationEffect.AskKnowledgeBase.class), new CardRequestProcess(commands),
                new Recording<>(ConversationEffect.JoinProgram.class), new ProgramLeavingProcess(commands),
                new SessionReminderProcess(new SessionReminders(commands, java.time.Duration.ofMinutes(15))),
                new SessionReminderCancellationProcess(new SessionReminders(commands, java.time.Duration.ofMinutes(15))),
                new LeadCaptureProcess(commands, (organization, contact) -> "Jane"),
                new LeadDetailProcess(commands),
                new Recording<>(ConversationEffect.RegisterForEvent.class),
                new Recording<>(ConversationEffect.CancelReservation.class)));

        processes.run(new StartSurvey("resp-1", SURVEY, "menu"), ORIGIN);
        processes.run(new AnswerSurvey("resp-1", "wamid.2", new MessageContent.Text("5")), ORIGIN);
        processes.run(new AbandonSurvey("resp-1", "cancelled"), ORIGIN);
        processes.run(new ConversationEffect.ReserveTickets("ev-1", "res-1", "vip", 1), ORIGIN);
        processes.run(new ConversationEffect.VoteInPoll("poll-1", "1"), ORIGIN);
        processes.run(new ConversationEffect.RateAnswer("q-1", true), ORIGIN);
        processes.run(new ConversationEffect.MakeCard("card-1", "tpl-1", "Amina", null, "wamid.photo"), ORIGIN);
        processes.run(new ConversationEffect.LeaveProgram("prog-1"), ORIGIN);

        assertThat(commands.sent()).map(Object::getClass).containsExactly(
                StartSurveyResponse.class, RecordSurveyStep.class,
                AnswerQuestion.class, RecordSurveyStep.class,
                AbandonSurveyResponse.class,
                ReserveTickets.class, RecordTicketReservation.class,
                CastVote.class, RecordPollVote.class,
                RateKnowledgeAnswer.class,
                RequestCard.class,
                UnsubscribeFromProgram.class);
        RequestCard card = (RequestCard) commands.sent().get(commands.sent().size() - 2);
        assertThat(card.shareCode()).matches("[A-Za-z0-9]{8}");
        assertThat(card.photoMessageId()).isEqualTo("wamid.photo");
        UnsubscribeFromProgram leave = (UnsubscribeFromProgram) commands.sent().get(commands.sent().size() - 1);
        assertThat(leave.subscriptionId()).isEqualTo(ProgramSubscription.idOf("prog-1", ORIGIN.contactId()));

        // a session's reminder: asked for, due the configured lead before the session, and cancelled
        processes.run(new ConversationEffect.RemindOfSession("ev-1", "ses-1", AT.plusSeconds(3600)), ORIGIN);
        processes.run(new ConversationEffect.CancelSessionReminder("ses-1"), ORIGIN);
        RequestReminder remind = (RequestReminder) commands.sent().get(commands.sent().size() - 2);
        assertThat(remind.reminderId()).isEqualTo(SessionReminder.idOf("ses-1", ORIGIN.contactId()));
        assertThat(remind.conversationId()).isEqualTo(ORIGIN.conversationId());
        assertThat(remind.lead()).isEqualTo(java.time.Duration.ofMinutes(15));
        CancelReminder cancel = (CancelReminder) commands.sent().get(commands.sent().size() - 1);
        assertThat(cancel.reminderId()).isEqualTo(remind.reminderId());
    }

    @Test
    void anEffectGoesToTheProcessForItsTypeOnly() {
        Recording<StartSurvey> starts = new Recording<>(StartSurvey.class);
        Recording<AnswerSurvey> answers = new Recording<>(AnswerSurvey.class);
        Recording<AbandonSurvey> abandons = new Recording<>(AbandonSurvey.class);
        Recording<ConversationEffect.ReserveTickets> reservations =
                new Recording<>(ConversationEffect.ReserveTickets.class);
        ConversationProcesses processes = new ConversationProcesses(List.of(starts, answers, abandons, reservations,
                new Recording<>(ConversationEffect.VoteInPoll.class),
                new Recording<>(ConversationEffect.AskKnowledgeBase.class),
                new Recording<>(ConversationEffect.RateAnswer.class),
                new Recording<>(ConversationEffect.MakeCard.class),
                new Recording<>(ConversationEffect.JoinProgram.class),
                new Recording<>(ConversationEffect.LeaveProgram.class),
                new Recording<>(ConversationEffect.RemindOfSession.class),
                new Recording<>(ConversationEffect.CancelSessionReminder.class),
                new Recording<>(ConversationEffect.CaptureLead.class),
                new Recording<>(ConversationEffect.AddLeadDetail.class),
                new Recording<>(ConversationEffect.RegisterForEvent.class),
                new Recording<>(ConversationEffect.CancelReservation.class)));
        AnswerSurvey answer = new AnswerSurvey("resp-1", "wamid.2", new MessageContent.Text("5"));
        AbandonSurvey abandon = new AbandonSurvey("resp-1", "cancelled");

        processes.run(answer, ORIGIN);
        processes.run(abandon, ORIGIN);

        assertThat(answers.ran).containsExactly(answer);
        assertThat(abandons.ran).containsExactly(abandon);
        assertThat(starts.ran).isEmpty();
        assertThat(reservations.ran).isEmpty();
    }

    @Test
    void anEffectWithoutAProcessStopsTheApplicationFromStarting() {
        List<ConversationProcess<?>> withoutReservations = List.of(new Recording<>(StartSurvey.class),
                new Recording<>(AnswerSurvey.class), new Recording<>(AbandonSurvey.class),
                new Recording<>(ConversationEffect.VoteInPoll.class),
                new Recording<>(ConversationEffect.AskKnowledgeBase.class),
                new Recording<>(ConversationEffect.RateAnswer.class),
                new Recording<>(ConversationEffect.MakeCard.class),
                new Recording<>(ConversationEffect.JoinProgram.class),
                new Recording<>(ConversationEffect.LeaveProgram.class),
                new Recording<>(ConversationEffect.RemindOfSession.class),
                new Recording<>(ConversationEffect.CancelSessionReminder.class),
                new Recording<>(ConversationEffect.CaptureLead.class),
                new Recording<>(ConversationEffect.AddLeadDetail.class),
                new Recording<>(ConversationEffect.RegisterForEvent.class),
                new Recording<>(ConversationEffect.CancelReservation.class));

        assertThatThrownBy(() -> new ConversationProcesses(withoutReservations))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no process for ReserveTickets");
    }

    @Test
    void twoProcessesForOneEffectStopTheApplicationFromStarting() {
        List<ConversationProcess<?>> twice = List.of(new Recording<>(StartSurvey.class),
                new Recording<>(AnswerSurvey.class), new Recording<>(AbandonSurvey.class),
                new Recording<>(ConversationEffect.ReserveTickets.class),
                new Recording<>(ConversationEffect.VoteInPoll.class),
                new Recording<>(ConversationEffect.AskKnowledgeBase.class),
                new Recording<>(ConversationEffect.RateAnswer.class),
                new Recording<>(ConversationEffect.MakeCard.class),
                new Recording<>(ConversationEffect.JoinProgram.class),
                new Recording<>(ConversationEffect.LeaveProgram.class),
                new Recording<>(ConversationEffect.RemindOfSession.class),
                new Recording<>(ConversationEffect.CancelSessionReminder.class),
                new Recording<>(ConversationEffect.CaptureLead.class),
                new Recording<>(ConversationEffect.AddLeadDetail.class), new Recording<>(AnswerSurvey.class),
                new Recording<>(ConversationEffect.RegisterForEvent.class),
                new Recording<>(ConversationEffect.CancelReservation.class));

        assertThatThrownBy(() -> new ConversationProcesses(twice))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AnswerSurvey is handled by both");
    }

    @Test
    void aYesAtABoothCapturesTheVisitorsLeadAndTheirDetailsGoOnIt() {
        RecordingCommandGateway commands = new RecordingCommandGateway();
        new LeadCaptureProcess(commands, (organization, contact) -> "Jane")
                .run(new ConversationEffect.CaptureLead("exh-1", "ev-1"), ORIGIN);
        new LeadDetailProcess(commands)
                .run(new ConversationEffect.AddLeadDetail("exh-1", "p-1", "Cloud Server", null), ORIGIN);
        new LeadDetailProcess(commands)
                .run(new ConversationEffect.AddLeadDetail("exh-1", null, null, "call me"), ORIGIN);

        String leadId = com.chatnation.crm.domain.exhibitor.Lead.idOf("exh-1", ORIGIN.contactId());
        assertThat(commands.sent()).containsExactly(
                new com.chatnation.crm.domain.exhibitor.CaptureLead(leadId, "exh-1", ORIGIN.organizationId(), "ev-1",
                        ORIGIN.contactId(), ORIGIN.contactPhone(), "Jane", ORIGIN.conversationId(), ORIGIN.at()),
                new com.chatnation.crm.domain.exhibitor.RecordLeadInterest(leadId, ORIGIN.organizationId(), "p-1",
                        "Cloud Server", ORIGIN.at()),
                new com.chatnation.crm.domain.exhibitor.AddLeadNote(leadId, ORIGIN.organizationId(), "call me",
                        ORIGIN.at()));
    }

    private static final class Recording<E extends ConversationEffect> implements ConversationProcess<E> {

        private final Class<E> effect;
        private final List<E> ran = new ArrayList<>();

        Recording(Class<E> effect) {
            this.effect = effect;
        }

        @Override
        public Class<E> effect() {
            return effect;
        }

        @Override
        public void run(E effect, EffectOrigin origin) {
            ran.add(effect);
        }
    }
}
