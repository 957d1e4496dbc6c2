import { describe, expect, it } from '@jest/globals'
import type { GroupResult } from '../../src/report/outcome.js'
import { participantReport } from '../../src/incident/participant-report.js'
import type { ParticipantResult } from '../../src/report/outcome.js'

const JID = '120363406289005073@g.us'
const linked = (participants: ParticipantResult[], status: 'reset' | 'dry-run' = 'reset'): GroupResult => ({
  group: JID,
  groupJid: JID,
  name: 'Support',
  status,
  inviteCode: 'ABC',
  inviteLink: 'https://chat.whatsapp.com/ABC',
  participants
})
const unlinked = (participants: ParticipantResult[], status: 'failed' | 'unknown' | 'skipped'): GroupResult => ({
  group: JID,
  groupJid: '',
  status,
  error: 'x',
  participants
})

describe('participantReport', () => {
  it('writes one summary line per participant, every phone number and LID masked', () => {
    const report = participantReport([
      linked([
        { participant: '5511999990001', action: 'remove', status: 'done' },
        { participant: '5511999990002', action: 'demote', status: 'done', readBack: true },
        { participant: '200000000000001@lid', action: 'reject', status: 'dry-run' },
        { participant: '5511999990003', action: 'remove', status: 'failed', error: 'not a participant.' },
        { participant: '5511999990004', action: 'demote', status: 'unknown', error: 'no read decided.' },
        { participant: '*', action: 'reject', status: 'failed', error: 'RyzeAPI listed only 2.' }
      ])
    ])
    expect(report.summary).toEqual([
      '"Support" (120363406289005073@g.us): +55 •••• 0001 removed',
      '"Support" (120363406289005073@g.us): +55 •••• 0002 demoted (answer lost; read back)',
      '"Support" (120363406289005073@g.us): the join request of •••• 0001@lid would be rejected (dry run)',
      '"Support" (120363406289005073@g.us): +55 •••• 0003 not removed: not a participant.',
      '"Support" (120363406289005073@g.us): +55 •••• 0004 may or may not have been demoted: no read decided.',
      '"Support" (120363406289005073@g.us): join requests not listed: RyzeAPI listed only 2.'
    ])
    expect(report.problems).toEqual([
      {
        title: 'Participant changes in "Support" (120363406289005073@g.us)',
        message:
          '+55 •••• 0003 was not removed: not a participant. Whether +55 •••• 0004 was demoted is unknown: no read decided. RyzeAPI listed only 2. The link was reset all the same: the new link is live.'
      }
    ])
  })

  it('names a group with a problem once, with what became of its link; a group without one is not a problem', () => {
    const failedRequest: ParticipantResult = {
      participant: '200000000000001@lid',
      action: 'reject',
      status: 'failed',
      error: 'gone.'
    }
    const done: ParticipantResult = { participant: '5511999990001', action: 'remove', status: 'done' }
    expect(participantReport([linked([done]), linked([], 'dry-run')]).problems).toEqual([])
    expect(participantReport([unlinked([done], 'failed')]).summary).toEqual([`${JID}: +55 •••• 0001 removed`])
    expect(
      [
        linked([failedRequest], 'dry-run'),
        unlinked([failedRequest], 'unknown'),
        unlinked([failedRequest], 'failed'),
        unlinked([failedRequest], 'skipped')
      ].map((result) => participantReport([result]).problems)
    ).toEqual([
      [
        {
          title: 'Participant changes in "Support" (120363406289005073@g.us)',
          message: 'The join request of •••• 0001@lid was not rejected: gone. Nothing was changed (dry run).'
        }
      ],
      [
        {
          title: `Participant changes in ${JID}`,
          message:
            'The join request of •••• 0001@lid was not rejected: gone. Whether the link is new is unknown (see its error).'
        }
      ],
      [
        {
          title: `Participant changes in ${JID}`,
          message: 'The join request of •••• 0001@lid was not rejected: gone. The link was not reset.'
        }
      ],
      [
        {
          title: `Participant changes in ${JID}`,
          message: 'The join request of •••• 0001@lid was not rejected: gone. The link was not reset.'
        }
      ]
    ])
  })
})
